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
