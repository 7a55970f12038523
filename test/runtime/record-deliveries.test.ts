import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Intent } from "../../contracts/intent.ts";
import type { Env } from "../../workers/env.ts";
import type { HandoffMessage } from "../../workers/ingest/handoff-message.ts";
import { groupSize } from "../../durable-objects/delivery-recorder.ts";
import { type DeliveryEntry, recordDeliveries } from "../../workers/ingest/record-deliveries.ts";
import { type Admin, bootstrap } from "../support/api.ts";
import { settleDeliveries } from "../support/deliveries.ts";
import { SLACK_THREAD } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("group-commit");
});

const sent: HandoffMessage[] = [];
const capture: Env = {
  ...env,
  INGEST: { send: async (m: HandoffMessage) => void sent.push(m), sendBatch: async (b: { body: HandoffMessage }[]) => void sent.push(...b.map((m) => m.body)) } as unknown as Queue<HandoffMessage>,
};

function entry(deliveryId: string, payloadHash: string, itemIds: string[]): DeliveryEntry {
  const receivedAt = new Date().toISOString();
  const intent = (text: string): Intent => ({ tenantId: admin.tenantId, actor: { type: "human", id: "slack:T0GROUP:U0ONE" }, channel: "slack", replyTo: SLACK_THREAD, text, receivedAt });
  return {
    delivery: { provider: "slack", deliveryId, payloadHash, tenantId: admin.tenantId, status: "accepted" },
    items: itemIds.map((itemId) => ({ itemId, intent: intent(`reply ${itemId}`), grantScope: null })),
    receivedAt,
  };
}

const rows = async (sql: string, ...params: string[]) => (await env.DB.prepare(sql).bind(...params).all()).results;

describe("recording a group of deliveries in one batch", () => {
  it("settles copies inside the group against their first copy and keeps an item once", async () => {
    sent.length = 0;
    const results = await recordDeliveries(capture, [
      entry("G-A", "hash-a", ["G-item-a"]),
      entry("G-A", "hash-a", ["G-item-a"]),
      entry("G-A", "hash-other", ["G-item-a"]),
      entry("G-B", "hash-b", ["G-item-b"]),
      entry("G-B2", "hash-b2", ["G-item-b"]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["new", "duplicate", "conflict", "new", "new"]);
    expect(results[4]).toEqual({ status: "new", records: [] });

    expect(await rows("SELECT delivery_id FROM webhook_deliveries WHERE delivery_id LIKE 'G-%' ORDER BY delivery_id")).toEqual([
      { delivery_id: "G-A" },
      { delivery_id: "G-B" },
      { delivery_id: "G-B2" },
    ]);
    expect(await rows("SELECT source_delivery_id AS d FROM intents WHERE source_item_id LIKE 'G-item-%' ORDER BY d")).toEqual([{ d: "G-A" }, { d: "G-B" }]);
    expect(await rows("SELECT payload_hash AS h FROM webhook_delivery_conflicts WHERE delivery_id = 'G-A'")).toEqual([{ h: "hash-other" }]);
    expect(sent.map((m) => m.intentId).sort()).toEqual(results.flatMap((r) => (r.status === "new" ? r.records.map((x) => x.intentId) : [])).sort());
    expect(await rows("SELECT channel_identity AS c FROM principals WHERE tenant_id = ?", admin.tenantId)).toContainEqual({ c: "slack:T0GROUP:U0ONE" });
  });

  it("loses none of a group when some of it was recorded before: those are repeats, the rest commits", async () => {
    await recordDeliveries(capture, [entry("H-OLD", "hash-old", ["H-item-old"]), entry("H-SEEN", "hash-seen", ["H-item-seen"])]);
    sent.length = 0;
    const results = await recordDeliveries(capture, [
      entry("H-OLD", "hash-old", ["H-item-old"]),
      entry("H-NEW", "hash-new", ["H-item-new"]),
      entry("H-SEEN", "hash-changed", ["H-item-seen"]),
      entry("H-REPLAY", "hash-replay", ["H-item-old", "H-item-fresh"]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["duplicate", "new", "conflict", "new"]);
    // The replayed item was recorded under H-OLD already: only the fresh one is new.
    expect(results[3]?.status === "new" && results[3].records.map((r) => r.itemId)).toEqual(["H-item-fresh"]);
    expect(await rows("SELECT source_item_id AS i FROM intents WHERE source_item_id LIKE 'H-item-%' ORDER BY i")).toEqual([
      { i: "H-item-fresh" },
      { i: "H-item-new" },
      { i: "H-item-old" },
      { i: "H-item-seen" },
    ]);
    expect(await rows("SELECT payload_hash AS h FROM webhook_delivery_conflicts WHERE delivery_id = 'H-SEEN'")).toEqual([{ h: "hash-changed" }]);
    expect(sent).toHaveLength(2);
  });

  it("fails the whole group, recording and handing on nothing, when D1 refuses it for any reason but a repeat", async () => {
    sent.length = 0;
    const broken: Env = { ...capture, DB: { ...env.DB, prepare: env.DB.prepare.bind(env.DB), batch: async () => Promise.reject(new Error("D1_ERROR: storage unavailable")) } as unknown as D1Database };
    await expect(recordDeliveries(broken, [entry("F-1", "hash-f1", ["F-item-1"]), entry("F-2", "hash-f2", ["F-item-2"])])).rejects.toThrow(/storage unavailable/);
    expect(await rows("SELECT delivery_id FROM webhook_deliveries WHERE delivery_id LIKE 'F-%'")).toEqual([]);
    expect(sent).toEqual([]);
    // The providers retry; the retry records both.
    const retried = await recordDeliveries(capture, [entry("F-1", "hash-f1", ["F-item-1"]), entry("F-2", "hash-f2", ["F-item-2"])]);
    expect(retried.map((r) => r.status)).toEqual(["new", "new"]);
  });

  it("records every delivery once when many arrive at one tenant's recorder at the same time", async () => {
    const recorder = env.DELIVERIES.get(env.DELIVERIES.idFromName(`slack:${admin.tenantId}`));
    const entries = Array.from({ length: 40 }, (_, i) => entry(`R-${i % 20}`, `hash-${i % 20}`, [`R-item-${i % 20}`]));
    const results = await Promise.all(entries.map((e) => recorder.record(e)));
    expect(results.filter((r) => r.status === "new")).toHaveLength(20);
    expect(results.filter((r) => r.status === "duplicate")).toHaveLength(20);
    expect(await settleDeliveries()).toBe(0);
    expect(await rows("SELECT count(*) AS n FROM intents WHERE source_item_id LIKE 'R-item-%'")).toEqual([{ n: 20 }]);
    expect(await rows("SELECT count(*) AS n FROM executions e JOIN intents i ON i.execution_id = e.id WHERE i.source_item_id LIKE 'R-item-%'")).toEqual([{ n: 20 }]);
  });
});

describe("how many waiting deliveries the recorder puts in one batch", () => {
  const waiting = (items: number) => ({ entry: entry(`W-${items}`, "h", Array.from({ length: items }, (_, i) => `w-${i}`)), resolve: () => {}, reject: () => {} });

  it("takes at most 64 deliveries, and at most about 500 statements, but always at least one", () => {
    expect(groupSize(Array.from({ length: 100 }, () => waiting(1)))).toBe(64);
    expect(groupSize([waiting(100), waiting(100), waiting(1)])).toBe(1);
    expect(groupSize([waiting(400)])).toBe(1);
    expect(groupSize([waiting(10), waiting(10), waiting(10)])).toBe(3);
    expect(groupSize([])).toBe(0);
  });
});
