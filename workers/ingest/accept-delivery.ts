import { and, eq, inArray } from "drizzle-orm";
import { intents } from "../../schema/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { traceIdOf } from "./ids.ts";
import { pokeExecution } from "./poke.ts";
import type { IntentRecord } from "./record-intent.ts";
import { type DeliveryRecord, type IntentItem, type Recorded, recordDeliveries } from "./record-deliveries.ts";

export type { DeliveryRecord, IntentItem } from "./record-deliveries.ts";

export type Accepted =
  | { status: "new"; records: IntentRecord[] }
  | { status: "duplicate"; records: IntentRecord[] }
  | { status: "conflict" };

/**
 * Records one API delivery and its intents (see recordDeliveries), hands them on, and starts them at once
 * when `waitUntil` is given. Unlike a webhook (whose record is its DeliveryRecorderDO's outbox, D1 learning of
 * it just after), this stays a synchronous D1 write: an API caller reads its execution back at once, and a
 * retried idempotency key must find the first copy's records. A repeat answers with the records of the first copy, so a retried request with
 * the same idempotency key learns the execution it already started.
 */
export async function acceptDelivery(
  env: Env,
  delivery: DeliveryRecord,
  items: readonly IntentItem[],
  now: Date,
  waitUntil?: (work: Promise<unknown>) => void,
): Promise<Accepted> {
  // The record is durable once the batch commits: the execution starts at once, while the handoff (the
  // retrying path; start is idempotent) is still being sent, so the queue send is not on the way to the first tool call.
  const startAtOnce = (results: readonly Recorded[]) => {
    const [result] = results;
    if (waitUntil === undefined || result?.status !== "new") return;
    for (const record of result.records) {
      const item = items.find((i) => i.itemId === record.itemId);
      if (item !== undefined) waitUntil(pokeExecution(env, record, item.intent, item.grantScope ?? null));
    }
  };
  const [result] = await recordDeliveries(env, [{ delivery, items: [...items], receivedAt: now.toISOString() }], startAtOnce);
  if (result === undefined || result.status === "conflict") return { status: "conflict" };
  if (result.status === "duplicate") return { status: "duplicate", records: await recordsOf(env, delivery.provider, items.map((i) => i.itemId)) };
  return { status: "new", records: result.records };
}

async function recordsOf(env: Env, provider: string, itemIds: string[]): Promise<IntentRecord[]> {
  if (itemIds.length === 0) return [];
  const rows = await database(env.DB)
    .select()
    .from(intents)
    .where(and(eq(intents.sourceProvider, provider), inArray(intents.sourceItemId, itemIds)));
  return rows.flatMap((r) =>
    r.executionId === null ? [] : [{ intentId: r.id, executionId: r.executionId, traceId: traceIdOf(r.executionId), tenantId: r.tenantId }],
  );
}
