import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { Intent } from "../../contracts/intent.ts";
import type { NormalizedDelivery } from "../../workers/channels/sink.ts";
import type { Env } from "../../workers/env.ts";
import { channelSink } from "../../workers/ingest/channel-sink.ts";
import { recorderName, recorderShards } from "../../workers/ingest/recorder-shard.ts";
import { type Admin, bootstrap } from "../support/api.ts";
import { settleDeliveries } from "../support/deliveries.ts";
import { SLACK_THREAD } from "./support/flow.ts";

// Dedupe must stay exact when a tenant's deliveries are spread over several DeliveryRecorderDOs.

const SHARDS = 8;
let admin: Admin;
let sharded: Env;
beforeAll(async () => {
  admin = await bootstrap("recorder-shards");
  sharded = { ...env, DELIVERY_RECORDER_SHARDS: String(SHARDS) };
});

function delivery(deliveryId: string, itemId: string, digest = "d".repeat(64)): NormalizedDelivery {
  const receivedAt = new Date().toISOString();
  const intent: Intent = { tenantId: admin.tenantId, actor: { type: "human", id: "slack:T0SHARD:U0ONE" }, channel: "slack", replyTo: SLACK_THREAD, text: `reply ${itemId}`, receivedAt };
  return { provider: "slack", deliveryId, payloadDigest: digest, retry: false, receivedAt, body: new Uint8Array(), items: [{ kind: "intent", itemId, intent }] };
}

async function countOf(sql: string, ...params: string[]): Promise<number> {
  expect(await settleDeliveries()).toBe(0);
  return (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())?.n ?? -1;
}

it("a delivery fired 40 times at once is recorded once: one new, the rest duplicates, one intent and one execution", async () => {
  const sink = channelSink(sharded);
  const results = await Promise.all(Array.from({ length: 40 }, () => sink.accept(delivery("Ev-SHARD-SAME", "Ev-SHARD-SAME"))));
  expect(results.filter((r) => r.status === "new")).toHaveLength(1);
  expect(results.filter((r) => r.status === "duplicate")).toHaveLength(39);
  expect(await countOf("SELECT count(*) AS n FROM webhook_deliveries WHERE delivery_id = ?", "Ev-SHARD-SAME")).toBe(1);
  expect(await countOf("SELECT count(*) AS n FROM intents WHERE source_item_id = ?", "Ev-SHARD-SAME")).toBe(1);
  expect(await countOf("SELECT count(*) AS n FROM executions e JOIN intents i ON i.execution_id = e.id WHERE i.source_item_id = ?", "Ev-SHARD-SAME")).toBe(1);
});

it("one event under 12 delivery ids that land on different shards, fired at once, still makes one intent and one execution", async () => {
  const ids = Array.from({ length: 12 }, (_, i) => `Dl-SHARD-${i}`);
  const shards = new Set(ids.map((id) => recorderName("slack", admin.tenantId, id, SHARDS)));
  expect(shards.size).toBeGreaterThan(1);
  const sink = channelSink(sharded);
  const results = await Promise.all(ids.map((id) => sink.accept(delivery(id, "Ev-SHARD-ITEM"))));
  expect(results.every((r) => r.status === "new" || r.status === "duplicate")).toBe(true);
  expect(await countOf("SELECT count(*) AS n FROM intents WHERE source_item_id = ?", "Ev-SHARD-ITEM")).toBe(1);
  expect(await countOf("SELECT count(*) AS n FROM executions e JOIN intents i ON i.execution_id = e.id WHERE i.source_item_id = ?", "Ev-SHARD-ITEM")).toBe(1);
});

it("a repeat with another digest is a conflict on whichever shard the id lands", async () => {
  const sink = channelSink(sharded);
  expect((await sink.accept(delivery("Ev-SHARD-CONFLICT", "Ev-SHARD-CONFLICT"))).status).toBe("new");
  const again = await Promise.all(Array.from({ length: 5 }, () => sink.accept(delivery("Ev-SHARD-CONFLICT", "Ev-SHARD-CONFLICT", "e".repeat(64)))));
  expect(again.every((r) => r.status === "conflict")).toBe(true);
});

it("the shard of a delivery id is stable and within the count; the count is validated", () => {
  expect(recorderName("slack", "t", "Ev1", 8)).toBe(recorderName("slack", "t", "Ev1", 8));
  expect(recorderName("slack", "t", "Ev1", 1)).toBe("slack:t");
  const spread = new Set(Array.from({ length: 200 }, (_, i) => recorderName("slack", "t", `Ev${i}`, 8)));
  expect(spread.size).toBe(8);
  expect(recorderShards(undefined)).toBe(1);
  expect(recorderShards("16")).toBe(16);
  expect(() => recorderShards("0")).toThrow(/whole number/);
  expect(() => recorderShards("2.5")).toThrow(/whole number/);
});
