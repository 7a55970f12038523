import { and, eq, inArray } from "drizzle-orm";
import { executions, intents } from "../../schema/index.ts";
import { database } from "../db.ts";
import { recordDriftAlert } from "../drift/record-alert.ts";
import type { Env } from "../env.ts";
import type { HandoffMessage } from "./handoff-message.ts";
import { traceIdOf } from "./ids.ts";
import { log } from "../../runtime/log.ts";

/**
 * An intent that could not be handed to its execution (the sweep's attempts ran out, or the queue gave up and
 * dead-lettered it) becomes a visible failure instead of being resent forever: the intent is `failed` with the
 * reason, its execution's index row `failed`, and a `handoff_failed` drift alert names both.
 * An execution that did start after all (the record of the handoff was what got lost) is marked handed off.
 */
export async function giveUpHandoff(env: Env, handoff: HandoffMessage, attempts: number, reason: string, now: Date): Promise<"failed" | "started"> {
  const db = database(env.DB);
  const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(handoff.executionId));
  if (await stub.started()) {
    await db.update(intents).set({ status: "handed_off" }).where(and(eq(intents.id, handoff.intentId), eq(intents.tenantId, handoff.tenantId)));
    return "started";
  }
  const at = now.toISOString();
  await db.batch([
    db
      .update(intents)
      .set({ status: "failed", handoffError: reason, handoffAttempts: attempts })
      .where(and(eq(intents.id, handoff.intentId), eq(intents.tenantId, handoff.tenantId))),
    db
      .update(executions)
      .set({ status: "failed", updatedAt: at, completedAt: at })
      .where(and(eq(executions.id, handoff.executionId), eq(executions.tenantId, handoff.tenantId), inArray(executions.status, ["queued"]))),
  ]);
  log.error("intent could not be handed off; failed", { ...handoff, attempts, reason });
  await recordDriftAlert(db, {
    tenantId: handoff.tenantId,
    kind: "handoff_failed",
    executionId: handoff.executionId,
    traceId: traceIdOf(handoff.executionId),
    detail: { intentId: handoff.intentId, attempts, reason },
  });
  return "failed";
}
