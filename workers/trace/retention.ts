import { and, inArray, isNotNull, isNull, lt, max } from "drizzle-orm";
import { traceEvents } from "../../schema/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";

const DAY_MS = 86_400_000;
/** R2 deletes at most 1,000 keys per call; one batch per scheduled run keeps the run short. */
const BATCH = 500;

/** Days of full payloads to keep, or null when retention is off (unset). Misconfiguration fails loudly. */
export function retentionDays(env: Pick<Env, "TRACE_RETENTION_DAYS">): number | null {
  const raw = env.TRACE_RETENTION_DAYS;
  if (raw === undefined || raw.trim() === "") return null;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0) throw new Error(`TRACE_RETENTION_DAYS must be a positive number of days, got "${raw}"`);
  return days;
}

/**
 * Deletes from R2 the full payloads of trace events older than the retention window and marks their
 * rows `payload_pruned_at`. Only the payloads go: each event keeps its digest and hashes, so an old
 * chain still verifies. A payload object is shared by every event of its trace with the same digest,
 * so it is pruned only when all of them are past the window.
 */
export async function prunePayloads(env: Env, now: Date, days: number): Promise<number> {
  const db = database(env.DB);
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const due = await db
    .select({ ref: traceEvents.payloadRef })
    .from(traceEvents)
    .where(and(isNotNull(traceEvents.payloadRef), isNull(traceEvents.payloadPrunedAt)))
    .groupBy(traceEvents.payloadRef)
    .having(lt(max(traceEvents.at), cutoff))
    .limit(BATCH);
  const refs = due.flatMap((d) => (d.ref === null ? [] : [d.ref]));
  if (refs.length === 0) return 0;
  await env.TRACES.delete(refs);
  await db.update(traceEvents).set({ payloadPrunedAt: now.toISOString() }).where(inArray(traceEvents.payloadRef, refs));
  return refs.length;
}

/** The scheduled run's retention step: logs what it pruned, never throws past the other scheduled work. */
export async function runRetention(env: Env, now: Date): Promise<number> {
  const days = retentionDays(env);
  if (days === null) return 0;
  const pruned = await prunePayloads(env, now, days);
  if (pruned > 0) console.log(JSON.stringify({ level: "info", msg: "trace payloads pruned", pruned, retentionDays: days }));
  return pruned;
}
