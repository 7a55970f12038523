import type { Env } from "../env.ts";
import type { HandoffMessage } from "./handoff-message.ts";

/**
 * Puts a recorded intent on the INGEST queue. A failed send is logged, not thrown: the intent is
 * already durable, and the scheduled sweep re-sends every intent still `received`.
 */
export async function handOff(env: Env, message: HandoffMessage): Promise<boolean> {
  try {
    await env.INGEST.send(message);
    return true;
  } catch (error) {
    console.error(JSON.stringify({ level: "warn", msg: "handoff deferred to sweep", intentId: message.intentId, error: String(error) }));
    return false;
  }
}

/** Queues accept at most this many messages per sendBatch. */
const SEND_BATCH_LIMIT = 100;

/** Hands many recorded intents on in as few sends as the queue allows; failures are left to the sweep, as above. */
export async function handOffAll(env: Env, messages: readonly HandoffMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += SEND_BATCH_LIMIT) {
    const chunk = messages.slice(i, i + SEND_BATCH_LIMIT);
    try {
      await env.INGEST.sendBatch(chunk.map((body) => ({ body })));
    } catch (error) {
      console.error(JSON.stringify({ level: "warn", msg: "handoff deferred to sweep", intentIds: chunk.map((m) => m.intentId), error: String(error) }));
    }
  }
}
