import { and, inArray, isNotNull, isNull, lt, max, sql } from "drizzle-orm";
import { executions, planConfirmationCodes, plannerThreadTurns, traceEvents } from "../../schema/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { log } from "../../runtime/log.ts";
import { archiveFinished } from "./archive-sweep.ts";
import { DAY_MS, retentionDays } from "../../runtime/retention-days.ts";

export { retentionDays };

/** The R2 object of a payload reference: the part before `#<digest>` (durable-objects/payload-key.ts). */
const objectKey = sql<string | null>`CASE WHEN instr(${traceEvents.payloadRef}, '#') > 0 THEN substr(${traceEvents.payloadRef}, 1, instr(${traceEvents.payloadRef}, '#') - 1) ELSE ${traceEvents.payloadRef} END`;
/** R2 deletes at most 1,000 keys per call; one batch per scheduled run keeps the run short. */
const BATCH = 500;

/** Unfinished executions whose payloads go per scheduled run (each costs an R2 list and delete). */
const EXECUTIONS_PER_RUN = 50;

/**
 * Deletes from R2 the full payloads older than the retention window that archiving did not take: those of
 * executions still unfinished past it, and of the skill registry's trace. Only the payloads go: each event
 * keeps its digest and hashes (in its ExecutionDO, or D1 for the registry), so an old chain still verifies.
 * Returns how many R2 objects were deleted.
 */
export async function prunePayloads(env: Env, now: Date, days: number): Promise<number> {
  return (await pruneIdleExecutions(env, now, days)) + (await pruneIndexedEvents(env, now, days));
}

/**
 * An execution idle past the window and not archived loses every payload object under its trace's prefix,
 * and its index row says so (`payloads_pruned_at`): its chain lives in its object, not in D1 rows.
 */
async function pruneIdleExecutions(env: Env, now: Date, days: number): Promise<number> {
  const db = database(env.DB);
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const due = await db
    .select({ id: executions.id, tenantId: executions.tenantId, traceId: executions.traceId })
    .from(executions)
    .where(and(isNull(executions.payloadsPrunedAt), isNull(executions.storagePurgedAt), lt(executions.updatedAt, cutoff)))
    .limit(EXECUTIONS_PER_RUN);
  let deleted = 0;
  for (const execution of due) {
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await env.TRACES.list({ prefix: `traces/${execution.tenantId}/${execution.traceId}/`, ...(cursor === undefined ? {} : { cursor }) });
      keys.push(...page.objects.map((o) => o.key));
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor !== undefined);
    for (let i = 0; i < keys.length; i += 1000) await env.TRACES.delete(keys.slice(i, i + 1000));
    deleted += keys.length;
  }
  if (due.length > 0) await db.update(executions).set({ payloadsPrunedAt: now.toISOString() }).where(inArray(executions.id, due.map((d) => d.id)));
  return deleted;
}

/**
 * The links D1 still holds (the skill registry's trace): their payload objects past the window, marked on the
 * rows `payload_pruned_at`. A payload object holds payloads of several events, so it is pruned only when all
 * of them are past the window.
 */
async function pruneIndexedEvents(env: Env, now: Date, days: number): Promise<number> {
  const db = database(env.DB);
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const due = await db
    .select({ key: objectKey })
    .from(traceEvents)
    .where(and(isNotNull(traceEvents.payloadRef), isNull(traceEvents.payloadPrunedAt)))
    .groupBy(objectKey)
    .having(lt(max(traceEvents.at), cutoff))
    .limit(BATCH);
  const keys = due.flatMap((d) => (d.key === null ? [] : [d.key]));
  if (keys.length === 0) return 0;
  await env.TRACES.delete(keys);
  // D1 binds at most 100 parameters per statement.
  const chunks = Array.from({ length: Math.ceil(keys.length / 90) }, (_, i) => keys.slice(i * 90, i * 90 + 90));
  const [first, ...rest] = chunks.map((chunk) =>
    db.update(traceEvents).set({ payloadPrunedAt: now.toISOString() }).where(and(isNull(traceEvents.payloadPrunedAt), inArray(objectKey, chunk))),
  );
  if (first !== undefined) await db.batch([first, ...rest]);
  return keys.length;
}

/**
 * The planner's conversational state goes with the payloads: clarification thread turns older than the window (the
 * turns a draft used stay in its plan.drafted payload until that is pruned too), and confirmation codes of plans whose
 * confirmation window closed before it.
 */
export async function prunePlannerState(env: Env, now: Date, days: number): Promise<{ turns: number; codes: number }> {
  const db = database(env.DB);
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const [turns, codes] = await db.batch([
    db.delete(plannerThreadTurns).where(lt(plannerThreadTurns.createdAt, cutoff)).returning({ id: plannerThreadTurns.executionId }),
    db.delete(planConfirmationCodes).where(lt(planConfirmationCodes.expiresAt, cutoff)).returning({ code: planConfirmationCodes.code }),
  ]);
  return { turns: turns.length, codes: codes.length };
}

/**
 * The scheduled run's retention step: archives finished executions past the window (archive-sweep.ts),
 * then prunes the payloads of what is still indexed past it (executions not finished yet, the skill
 * registry's trace), and the planner's conversational state. Logs what it did.
 */
export async function runRetention(env: Env, now: Date): Promise<{ archived: number; pruned: number }> {
  const days = retentionDays(env);
  if (days === null) return { archived: 0, pruned: 0 };
  const { archived, skipped } = await archiveFinished(env, now, days);
  if (archived > 0 || skipped > 0) log.info("executions archived", { archived, skipped, retentionDays: days });
  const pruned = await prunePayloads(env, now, days);
  if (pruned > 0) log.info("trace payloads pruned", { pruned, retentionDays: days });
  const planner = await prunePlannerState(env, now, days);
  if (planner.turns > 0 || planner.codes > 0) log.info("planner state pruned", { ...planner, retentionDays: days });
  return { archived, pruned };
}
