import { and, asc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { intents } from "../../schema/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { giveUpHandoff } from "./give-up.ts";
import type { HandoffMessage } from "./handoff-message.ts";
import { handOff } from "./hand-off.ts";

/** An intent still `received` this long after it was recorded lost its queue message; hand it off again. */
const STALE_AFTER_MS = 60_000;
/** D1 binds at most 100 parameters per statement; the attempts update binds one per intent. */
const BATCH = 90;
/** Re-sends per intent before it is failed: with the 5-minute cron, about an hour of trying. */
export const MAX_SWEEP_ATTEMPTS = 12;

/**
 * The scheduled safety net behind the queue: a crash between the durable record and the handoff loses nothing.
 * Oldest first, so a backlog drains in order; each re-send counts, and an intent whose attempts ran out is
 * failed visibly (giveUpHandoff) rather than re-sent forever. Returns how many were re-sent.
 */
export async function sweepUnhandedIntents(env: Env, now: Date, limit = BATCH): Promise<number> {
  const db = database(env.DB);
  const cutoff = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
  const stale = await db
    .select({ id: intents.id, tenantId: intents.tenantId, executionId: intents.executionId, attempts: intents.handoffAttempts })
    .from(intents)
    .where(and(eq(intents.status, "received"), lt(intents.receivedAt, cutoff), isNotNull(intents.executionId)))
    .orderBy(asc(intents.receivedAt))
    .limit(limit);
  const resend: HandoffMessage[] = [];
  for (const row of stale) {
    if (row.executionId === null) continue;
    const handoff = { intentId: row.id, executionId: row.executionId, tenantId: row.tenantId };
    if (row.attempts >= MAX_SWEEP_ATTEMPTS) {
      await giveUpHandoff(env, handoff, row.attempts, `not handed off after ${row.attempts} sweeps`, now);
    } else {
      resend.push(handoff);
    }
  }
  if (resend.length > 0) {
    await db
      .update(intents)
      .set({ handoffAttempts: sql`${intents.handoffAttempts} + 1` })
      .where(inArray(intents.id, resend.map((m) => m.intentId)));
  }
  return handOff(env, resend);
}
