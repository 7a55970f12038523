import { and, eq, lt } from "drizzle-orm";
import { intents } from "../../schema/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { handOff } from "./hand-off.ts";

/** An intent still `received` this long after it was recorded lost its queue message; hand it off again. */
const STALE_AFTER_MS = 60_000;
const BATCH = 100;

/** The scheduled safety net behind the queue: a crash between the durable record and the handoff loses nothing. */
export async function sweepUnhandedIntents(env: Env, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
  const stale = await database(env.DB)
    .select({ id: intents.id, tenantId: intents.tenantId, executionId: intents.executionId })
    .from(intents)
    .where(and(eq(intents.status, "received"), lt(intents.receivedAt, cutoff)))
    .limit(BATCH);
  return handOff(
    env,
    stale.flatMap((row) => (row.executionId === null ? [] : [{ intentId: row.id, executionId: row.executionId, tenantId: row.tenantId }])),
  );
}
