import { and, eq, inArray } from "drizzle-orm";
import type { GrantScope } from "../../contracts/common/grant.ts";
import type { Intent } from "../../contracts/intent.ts";
import { intents, webhookDeliveries, webhookDeliveryConflicts } from "../../schema/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { rowInserter } from "../raw-insert.ts";
import { handOff } from "./hand-off.ts";
import { pokeExecution } from "./poke.ts";
import { channelPrincipalStatements } from "./channel-principals.ts";
import { traceIdOf } from "./ids.ts";
import { type IntentRecord, prepareIntentRecord } from "./record-intent.ts";

const insertDelivery = rowInserter(webhookDeliveries);

export interface DeliveryRecord {
  provider: (typeof webhookDeliveries.$inferInsert)["provider"];
  deliveryId: string;
  payloadHash: string;
  tenantId: string | null;
  status: "accepted" | "ignored" | "unbound";
}

export interface IntentItem {
  itemId: string;
  intent: Intent;
  /** The narrowing of the grant that authorized an API intent; recorded with it and pinned by its execution. */
  grantScope?: GrantScope | null;
}

export type Accepted =
  | { status: "new"; records: IntentRecord[] }
  | { status: "duplicate"; records: IntentRecord[] }
  | { status: "conflict" };

/**
 * Makes a delivery and its intents durable in one D1 batch, then hands the intents on. The delivery's
 * primary key makes N concurrent copies produce one batch that commits; an intent item already recorded
 * under another delivery (a replayed body with new headers) is dropped by its own unique index.
 */
export async function acceptDelivery(
  env: Env,
  delivery: DeliveryRecord,
  items: readonly IntentItem[],
  now: Date,
  waitUntil?: (work: Promise<unknown>) => void,
): Promise<Accepted> {
  const db = database(env.DB);
  let pending = [...items];
  for (let attempt = 0; attempt < 2; attempt++) {
    const prepared = pending.map((item) =>
      prepareIntentRecord(env.DB, item.intent, { provider: delivery.provider, deliveryId: delivery.deliveryId, itemId: item.itemId }, now, item.grantScope ?? null),
    );
    // A channel user becomes a principal of the bound tenant in the same batch (nothing lost, no extra round trip).
    const people = delivery.provider === "api" ? [] : channelPrincipalStatements(env.DB, pending.map((item) => item.intent), now);
    try {
      await env.DB.batch([
        insertDelivery(env.DB, { ...delivery, receivedAt: now.toISOString() }),
        ...people,
        ...prepared.flatMap((p) => p.statements),
      ]);
    } catch (error) {
      if (!/UNIQUE constraint failed/.test(String(error))) throw error;
      const seen = await db.query.webhookDeliveries.findFirst({
        where: and(eq(webhookDeliveries.provider, delivery.provider), eq(webhookDeliveries.deliveryId, delivery.deliveryId)),
      });
      if (seen) return settleRepeat(env, delivery, seen.payloadHash, items, now);
      pending = await unseenItems(env, delivery.provider, pending);
      continue;
    }
    const records = prepared.map((p) => p.record);
    // The record is durable now: the execution starts at once, while the handoff (the retrying path; start
    // is idempotent) is still being sent, so the queue send is not on the way to the first tool call.
    if (waitUntil !== undefined) pending.forEach((item, i) => {
      const record = records[i];
      if (record !== undefined) waitUntil(pokeExecution(env, record, item.intent, item.grantScope ?? null));
    });
    await Promise.all(records.map((r) => handOff(env, { intentId: r.intentId, executionId: r.executionId, tenantId: r.tenantId })));
    return { status: "new", records };
  }
  throw new Error(`delivery ${delivery.provider}/${delivery.deliveryId} could not be recorded`);
}

async function settleRepeat(env: Env, delivery: DeliveryRecord, seenHash: string, items: readonly IntentItem[], now: Date): Promise<Accepted> {
  const db = database(env.DB);
  if (seenHash !== delivery.payloadHash) {
    await db
      .insert(webhookDeliveryConflicts)
      .values({ provider: delivery.provider, deliveryId: delivery.deliveryId, payloadHash: delivery.payloadHash, receivedAt: now.toISOString() })
      .onConflictDoNothing();
    console.error(JSON.stringify({ level: "warn", msg: "delivery conflict", provider: delivery.provider, deliveryId: delivery.deliveryId }));
    return { status: "conflict" };
  }
  return { status: "duplicate", records: await recordsOf(env, delivery.provider, items.map((i) => i.itemId)) };
}

async function unseenItems(env: Env, provider: string, items: IntentItem[]): Promise<IntentItem[]> {
  if (items.length === 0) return items;
  const seen = await database(env.DB)
    .select({ itemId: intents.sourceItemId })
    .from(intents)
    .where(and(eq(intents.sourceProvider, provider), inArray(intents.sourceItemId, items.map((i) => i.itemId))));
  const ids = new Set(seen.map((s) => s.itemId));
  return items.filter((i) => !ids.has(i.itemId));
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
