import type { Env } from "../env.ts";
import { giveUpHandoff } from "./give-up.ts";
import { HandoffMessage } from "./handoff-message.ts";
import { log } from "../../runtime/log.ts";

/** Dead-letter queues are named after their queue with this suffix (wrangler.jsonc). */
export const DEAD_LETTER_SUFFIX = "-dlq";

export function isDeadLetterQueue(queue: string): boolean {
  return queue.endsWith(DEAD_LETTER_SUFFIX);
}

/**
 * The ingest queue's dead letters: handoffs that failed on every delivery attempt. Each becomes a visible
 * failure (giveUpHandoff), or, when its execution did start after all, is recorded as handed off. A message
 * that fails here too is retried (the dead-letter queue has no queue behind it).
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env, now: Date): Promise<void> {
  for (const message of batch.messages) {
    const parsed = HandoffMessage.safeParse(message.body);
    if (!parsed.success) {
      log.error("malformed dead-lettered handoff dropped", { id: message.id, queue: batch.queue });
      message.ack();
      continue;
    }
    try {
      await giveUpHandoff(env, parsed.data, message.attempts, "the ingest queue dead-lettered its handoff after every delivery attempt failed", now);
      message.ack();
    } catch (error) {
      log.warn("dead letter not settled, will retry", { intentId: parsed.data.intentId, error: String(error) });
      message.retry({ delaySeconds: 60 });
    }
  }
}
