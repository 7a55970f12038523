import type { GrantScope } from "../../contracts/common/grant.ts";
import type { Intent } from "../../contracts/intent.ts";
import type { Env } from "../env.ts";
import type { IntentRecord } from "./record-intent.ts";
import { log } from "../../runtime/log.ts";

/**
 * Starts a just-recorded execution at once, after the answer has gone out, instead of waiting for the
 * queue's batch. The queue message (and the sweep behind it) stays the retrying path: `start` is
 * idempotent, so whichever arrives second changes nothing, and a failed poke loses nothing.
 */
export async function pokeExecution(env: Env, record: IntentRecord, intent: Intent, grantScope: GrantScope | null = null): Promise<void> {
  try {
    const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(record.executionId));
    await stub.start({ executionId: record.executionId, intentId: record.intentId, traceId: record.traceId, intent, grantScope });
  } catch (error) {
    log.warn("direct start failed; the queue handoff will retry", { executionId: record.executionId, error: String(error) });
  }
}
