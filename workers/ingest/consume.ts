import { and, eq, inArray } from "drizzle-orm";
import { Intent } from "../../contracts/intent.ts";
import { intents } from "../../schema/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { HandoffMessage } from "./handoff-message.ts";
import { recordedScope } from "./grant-scope-record.ts";
import { traceIdOf } from "./ids.ts";
import { log } from "../../runtime/log.ts";

/** D1 binds at most 100 parameters per statement. */
const IDS_PER_STATEMENT = 90;

/**
 * Delivers each recorded intent to its ExecutionDO, the whole batch at once: a local queue hands the consumer one
 * batch at a time, so the batch's slowest start paces the drain (bench:ingest: five at a time was two rounds
 * of starts per batch of 10).
 * `start` is idempotent, so a redelivered message or a sweep racing the
 * queue does no harm; a failure retries the message with backoff. A message that carries its intent costs
 * one call to its object and no D1 read; the batch's intents are then marked handed off in one statement.
 */
export async function consumeHandoffs(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  const settled = await Promise.all(
    batch.messages.map(async (message): Promise<{ message: Message<unknown>; intentId: string } | null> => {
      const parsed = HandoffMessage.safeParse(message.body);
      if (!parsed.success) {
        log.error("malformed handoff message dropped", { id: message.id });
        message.ack();
        return null;
      }
      try {
        await deliver(env, db, parsed.data);
        return { message, intentId: parsed.data.intentId };
      } catch (error) {
        log.warn("handoff failed, will retry", { intentId: parsed.data.intentId, error: String(error) });
        message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
        return null;
      }
    }),
  );
  const delivered = settled.filter((d) => d !== null);
  await markHandedOff(db, delivered.map((d) => d.intentId));
  for (const { message } of delivered) message.ack();
}

async function deliver(env: Env, db: ReturnType<typeof database>, handoff: HandoffMessage): Promise<void> {
  const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(handoff.executionId));
  const carried = handoff.intent === undefined ? undefined : Intent.safeParse(handoff.intent);
  if (carried?.success === true && carried.data.tenantId === handoff.tenantId) {
    await stub.start({
      executionId: handoff.executionId,
      intentId: handoff.intentId,
      traceId: traceIdOf(handoff.executionId),
      intent: carried.data,
      grantScope: recordedScope(handoff.grantScope ?? null),
    });
    return;
  }
  if (await stub.started()) return;
  const row = await db.query.intents.findFirst({
    where: and(eq(intents.id, handoff.intentId), eq(intents.tenantId, handoff.tenantId)),
  });
  if (!row) throw new Error(`intent ${handoff.intentId} not found`);
  const intent = Intent.parse(JSON.parse(row.body));
  await stub.start({
    executionId: handoff.executionId,
    intentId: handoff.intentId,
    traceId: traceIdOf(handoff.executionId),
    intent,
    grantScope: recordedScope(row.grantScope),
  });
}

/**
 * The status only tells the sweep which intents still need a handoff: if marking fails, the executions
 * are started all the same, and a later sweep re-sends them to a `start` that changes nothing.
 */
async function markHandedOff(db: ReturnType<typeof database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const chunks = Array.from({ length: Math.ceil(ids.length / IDS_PER_STATEMENT) }, (_, i) => ids.slice(i * IDS_PER_STATEMENT, (i + 1) * IDS_PER_STATEMENT));
  const [first, ...rest] = chunks.map((chunk) => db.update(intents).set({ status: "handed_off" }).where(inArray(intents.id, chunk)));
  try {
    if (first !== undefined) await db.batch([first, ...rest]);
  } catch (error) {
    log.warn("handed_off not recorded; the sweep will re-send", { intents: ids.length, error: String(error) });
  }
}
