import type { Env } from "../env.ts";
import type { HandoffMessage } from "./handoff-message.ts";
import { log } from "../../runtime/log.ts";

/** Queues accept at most this many messages per sendBatch. */
const SEND_BATCH_LIMIT = 100;

/**
 * Puts recorded intents on the INGEST queue in as few sends as the queue allows, and says how many went.
 * A failed send is logged, not thrown: the intents are already durable, and the scheduled sweep re-sends
 * every intent still `received`.
 */
export async function handOff(env: Env, messages: readonly HandoffMessage[]): Promise<number> {
  let sent = 0;
  for (let i = 0; i < messages.length; i += SEND_BATCH_LIMIT) {
    const chunk = messages.slice(i, i + SEND_BATCH_LIMIT);
    try {
      await env.INGEST.sendBatch(chunk.map((body) => ({ body })));
      sent += chunk.length;
    } catch (error) {
      log.warn("handoff deferred to sweep", { intentIds: chunk.map((m) => m.intentId), error: String(error) });
    }
  }
  return sent;
}
