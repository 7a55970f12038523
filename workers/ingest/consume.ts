import { and, eq } from "drizzle-orm";
import { Intent } from "../../contracts/intent.ts";
import { intents } from "../../schema/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { HandoffMessage } from "./handoff-message.ts";
import { recordedScope } from "./grant-scope-record.ts";
import { traceIdOf } from "./ids.ts";

/**
 * Delivers each recorded intent to its ExecutionDO. `start` is idempotent, so a redelivered message
 * or a sweep racing the queue does no harm; a failure retries the message with backoff.
 */
export async function consumeHandoffs(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  for (const message of batch.messages) {
    const parsed = HandoffMessage.safeParse(message.body);
    if (!parsed.success) {
      console.error(JSON.stringify({ level: "error", msg: "malformed handoff message dropped", id: message.id }));
      message.ack();
      continue;
    }
    try {
      await deliver(env, db, parsed.data);
      message.ack();
    } catch (error) {
      console.error(JSON.stringify({ level: "warn", msg: "handoff failed, will retry", intentId: parsed.data.intentId, error: String(error) }));
      message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
    }
  }
}

async function deliver(env: Env, db: ReturnType<typeof database>, handoff: HandoffMessage): Promise<void> {
  const row = await db.query.intents.findFirst({
    where: and(eq(intents.id, handoff.intentId), eq(intents.tenantId, handoff.tenantId)),
  });
  if (!row) throw new Error(`intent ${handoff.intentId} not found`);
  const intent = Intent.parse(JSON.parse(row.body));
  const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(handoff.executionId));
  await stub.start({
    executionId: handoff.executionId,
    intentId: handoff.intentId,
    traceId: traceIdOf(handoff.executionId),
    intent,
    grantScope: recordedScope(row.grantScope),
  });
  await db.update(intents).set({ status: "handed_off" }).where(eq(intents.id, handoff.intentId));
}
