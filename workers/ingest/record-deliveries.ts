import { and, eq, inArray } from "drizzle-orm";
import type { GrantScope } from "../../contracts/common/grant.ts";
import type { Intent } from "../../contracts/intent.ts";
import { intents, webhookDeliveries, webhookDeliveryConflicts } from "../../schema/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { rowInserter } from "../raw-insert.ts";
import { channelPrincipalStatements } from "./channel-principals.ts";
import { handOff } from "./hand-off.ts";
import { type AssignedIds, type IntentRecord, prepareIntentRecord } from "./record-intent.ts";
import { log } from "../../runtime/log.ts";

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
  /** The narrowing of the grant that authorized the intent (API key or channel binding); recorded with it and pinned by its execution. */
  grantScope?: GrantScope | null;
  /** Set when the ids were assigned before this write (a DeliveryRecorderDO's outbox); minted here otherwise. */
  ids?: AssignedIds;
}

/** One delivery to record: its dedupe row and the intents it carries. */
export interface DeliveryEntry {
  delivery: DeliveryRecord;
  items: IntentItem[];
  /** ISO time the delivery arrived. */
  receivedAt: string;
}

/** An intent this delivery recorded, with the item it came from. */
export type RecordedIntent = IntentRecord & { itemId: string };

export type Recorded = { status: "new"; records: RecordedIntent[] } | { status: "duplicate" } | { status: "conflict" };

const insertDelivery = rowInserter(webhookDeliveries);
const insertConflict = rowInserter(webhookDeliveryConflicts, " ON CONFLICT DO NOTHING");
/** A group whose rows would not commit after this many rounds of dropping what was already recorded is an error. */
const MAX_ROUNDS = 3;

/** D1 binds at most 100 parameters per statement. */
const IDS_PER_READ = 90;

const keyOf = (d: DeliveryRecord) => `${d.provider}\n${d.deliveryId}`;

/**
 * Makes many deliveries and their intents durable in one D1 batch, then hands the new intents on, and says
 * for each whether it was new, a repeat or a conflict. A delivery's primary key refuses a second copy and an
 * intent item's unique index refuses an item already recorded under another delivery (a replayed body with
 * new headers): when the batch is refused, what is already recorded is read back, dropped, and the rest is
 * tried again. Copies inside the group are settled against their first copy.
 */
export async function recordDeliveries(
  env: Env,
  entries: readonly DeliveryEntry[],
  /** Called once the batch commits, before the handoff is sent (a direct start need not wait for the queue). */
  afterCommit?: (results: readonly Recorded[]) => void,
): Promise<Recorded[]> {
  const results: (Recorded | undefined)[] = entries.map(() => undefined);
  const conflicts: DeliveryEntry[] = [];
  const firstOf = new Map<string, number>();
  const repeats: [index: number, first: number][] = [];
  entries.forEach((entry, i) => {
    const first = firstOf.get(keyOf(entry.delivery));
    if (first === undefined) firstOf.set(keyOf(entry.delivery), i);
    else repeats.push([i, first]);
  });

  let candidates = [...firstOf.values()];
  const pending = firstItemsOnly(entries, candidates);
  for (let round = 0; ; round++) {
    const prepared = new Map(candidates.map((i) => [i, prepareDelivery(env, entries[i] as DeliveryEntry, pending.get(i) ?? [])]));
    try {
      const statements = [...prepared.values()].flatMap((p) => p.statements);
      if (statements.length > 0) await env.DB.batch(statements);
    } catch (error) {
      if (!/UNIQUE constraint failed/.test(String(error)) || round + 1 >= MAX_ROUNDS) throw error;
      candidates = await settleRecorded(env, entries, candidates, results, conflicts);
      await dropRecordedItems(env, candidates.map((i) => [entries[i]?.delivery.provider ?? "", pending.get(i) ?? []] as const));
      continue;
    }
    for (const [i, p] of prepared) results[i] = { status: "new", records: p.records };
    break;
  }

  for (const [i, first] of repeats) {
    const entry = entries[i] as DeliveryEntry;
    const same = entry.delivery.payloadHash === entries[first]?.delivery.payloadHash;
    results[i] = same && results[first]?.status !== "conflict" ? { status: "duplicate" } : { status: "conflict" };
    if (!same) conflicts.push(entry);
  }
  const settled = results.map((r): Recorded => r ?? { status: "conflict" });
  afterCommit?.(settled);

  await handOff(
    env,
    settled.flatMap((r, i) => {
      if (r.status !== "new") return [];
      const items = new Map((entries[i]?.items ?? []).map((item) => [item.itemId, item]));
      return r.records.map((x) => {
        const item = items.get(x.itemId);
        return { intentId: x.intentId, executionId: x.executionId, tenantId: x.tenantId, ...(item === undefined ? {} : { intent: item.intent, grantScope: item.grantScope ?? null }) };
      });
    }),
  );
  // Conflicts are rare: recorded, for investigation, in a batch of their own once the new work is handed on.
  await recordConflicts(env, conflicts);
  return settled;
}

/** The delivery row, its channel users as principals, and each intent with its execution row, as statements. */
function prepareDelivery(env: Env, entry: DeliveryEntry, items: readonly IntentItem[]) {
  const { provider, deliveryId } = entry.delivery;
  const at = new Date(entry.receivedAt);
  const intentsOf = items.map((item) => {
    const prepared = prepareIntentRecord(env.DB, item.intent, { provider, deliveryId, itemId: item.itemId }, at, item.grantScope ?? null, item.ids);
    return { record: { ...prepared.record, itemId: item.itemId }, statements: prepared.statements };
  });
  // A channel user becomes a principal of the bound tenant in the same batch (nothing lost, no extra round trip).
  const people = provider === "api" ? [] : channelPrincipalStatements(env.DB, items.map((item) => item.intent), at);
  return {
    records: intentsOf.map((p) => p.record),
    statements: [insertDelivery(env.DB, { ...entry.delivery, receivedAt: entry.receivedAt }), ...people, ...intentsOf.flatMap((p) => p.statements)],
  };
}

/** Each delivery's items, less any item an earlier delivery of the group carries (the same event under two delivery ids). */
function firstItemsOnly(entries: readonly DeliveryEntry[], candidates: readonly number[]): Map<number, IntentItem[]> {
  const seen = new Set<string>();
  return new Map(
    candidates.map((i) => {
      const entry = entries[i] as DeliveryEntry;
      const fresh = entry.items.filter((item) => {
        const key = `${entry.delivery.provider}\n${item.itemId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      return [i, fresh];
    }),
  );
}

/** Reads which candidates D1 already holds: a repeat with the same digest is a duplicate, with another a conflict. */
async function settleRecorded(
  env: Env,
  entries: readonly DeliveryEntry[],
  candidates: number[],
  results: (Recorded | undefined)[],
  conflicts: DeliveryEntry[],
): Promise<number[]> {
  const db = database(env.DB);
  const byProvider = Map.groupBy(candidates, (i) => entries[i]?.delivery.provider ?? "api");
  const seen = new Map<string, string>();
  for (const [provider, group] of byProvider) {
    for (let i = 0; i < group.length; i += IDS_PER_READ) {
      const ids = group.slice(i, i + IDS_PER_READ).map((g) => entries[g]?.delivery.deliveryId ?? "");
      const rows = await db
        .select({ deliveryId: webhookDeliveries.deliveryId, payloadHash: webhookDeliveries.payloadHash })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.provider, provider), inArray(webhookDeliveries.deliveryId, ids)));
      for (const row of rows) seen.set(`${provider}\n${row.deliveryId}`, row.payloadHash);
    }
  }
  return candidates.filter((i) => {
    const entry = entries[i] as DeliveryEntry;
    const hash = seen.get(keyOf(entry.delivery));
    if (hash === undefined) return true;
    if (hash === entry.delivery.payloadHash) results[i] = { status: "duplicate" };
    else {
      results[i] = { status: "conflict" };
      conflicts.push(entry);
    }
    return false;
  });
}

/** Removes, in place, the intent items another delivery already recorded. */
async function dropRecordedItems(env: Env, groups: readonly (readonly [provider: string, items: IntentItem[]])[]): Promise<void> {
  const db = database(env.DB);
  for (const [provider, items] of groups) {
    const recorded = new Set<string | null>();
    for (let i = 0; i < items.length; i += IDS_PER_READ) {
      const ids = items.slice(i, i + IDS_PER_READ).map((item) => item.itemId);
      const rows = await db
        .select({ itemId: intents.sourceItemId })
        .from(intents)
        .where(and(eq(intents.sourceProvider, provider), inArray(intents.sourceItemId, ids)));
      for (const row of rows) recorded.add(row.itemId);
    }
    items.splice(0, items.length, ...items.filter((item) => !recorded.has(item.itemId)));
  }
}

async function recordConflicts(env: Env, conflicts: readonly DeliveryEntry[]): Promise<void> {
  if (conflicts.length > 0) await env.DB.batch(conflicts.map((c) => insertConflict(env.DB, { ...c.delivery, receivedAt: c.receivedAt })));
  for (const c of conflicts) {
    log.warn("delivery conflict", { provider: c.delivery.provider, deliveryId: c.delivery.deliveryId });
  }
}
