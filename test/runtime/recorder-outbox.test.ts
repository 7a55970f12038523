import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { Intent } from "../../contracts/intent.ts";
import { DEDUPE_WINDOW_MS } from "../../durable-objects/delivery-recorder.ts";
import type { Env } from "../../workers/env.ts";
import type { HandoffMessage } from "../../workers/ingest/handoff-message.ts";
import { type DeliveryEntry, recordDeliveries } from "../../workers/ingest/record-deliveries.ts";
import { sweepUnhandedIntents } from "../../workers/ingest/sweep.ts";
import { type Admin, bootstrap } from "../support/api.ts";
import { settleDeliveries } from "../support/deliveries.ts";
import { SLACK_THREAD } from "./support/flow.ts";

// The DeliveryRecorderDO's outbox: what reaches D1 after the ack, and what a crash or a late repeat does to it.

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("recorder-outbox");
});

const recorder = (name: string) => env.DELIVERIES.get(env.DELIVERIES.idFromName(`slack:${admin.tenantId}:${name}`));

function entry(deliveryId: string, payloadHash = "h".repeat(64)): DeliveryEntry {
  const receivedAt = new Date().toISOString();
  const intent: Intent = { tenantId: admin.tenantId, actor: { type: "human", id: "slack:T0OUTBOX:U0ONE" }, channel: "slack", replyTo: SLACK_THREAD, text: `reply ${deliveryId}`, receivedAt };
  return { delivery: { provider: "slack", deliveryId, payloadHash, tenantId: admin.tenantId, status: "accepted" }, items: [{ itemId: `item-${deliveryId}`, intent, grantScope: null }], receivedAt };
}

const n = async (sql: string, ...params: string[]) => (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())?.n;
const d1Rows = async (deliveryId: string) => ({
  deliveries: await n("SELECT count(*) AS n FROM webhook_deliveries WHERE delivery_id = ?", deliveryId),
  intents: await n("SELECT count(*) AS n FROM intents WHERE source_item_id = ?", `item-${deliveryId}`),
  executions: await n("SELECT count(*) AS n FROM executions e JOIN intents i ON i.execution_id = e.id WHERE i.source_item_id = ?", `item-${deliveryId}`),
});

/** An Env whose queue sends fail: the handoff is lost with the crash. */
const queueDown: Env = { ...env, INGEST: { send: async () => Promise.reject(new Error("crashed")), sendBatch: async () => Promise.reject(new Error("crashed")) } as unknown as Queue<HandoffMessage> };

it("a crash between D1's commit and the outbox delete (the flush run twice) doubles nothing, and the sweep still hands the intent on", async () => {
  const stub = recorder("crash");
  // Hold the outbox: D1 refuses writes while the delivery is recorded.
  await env.DB.exec("ALTER TABLE webhook_deliveries RENAME TO webhook_deliveries_offline");
  let recorded;
  try {
    recorded = await stub.record(entry("Crash-1"));
    expect(await stub.flushNow()).toBe(1);
  } finally {
    await env.DB.exec("ALTER TABLE webhook_deliveries_offline RENAME TO webhook_deliveries");
  }
  expect(recorded.status).toBe("new");
  const assigned = recorded.status === "new" ? recorded.records[0] : undefined;

  // The first flush: D1 commits, then the object dies before the handoff and before deleting its outbox row.
  const waiting = await runInDurableObject(stub, (_i, state) => state.storage.sql.exec<{ entry: string }>("SELECT entry FROM outbox").toArray().map((r) => JSON.parse(r.entry) as DeliveryEntry));
  expect(waiting).toHaveLength(1);
  expect((await recordDeliveries(queueDown, waiting)).map((r) => r.status)).toEqual(["new"]);

  // The second flush (the retry alarm) finds D1 holding it: a repeat, nothing written twice, the outbox emptied.
  await runDurableObjectAlarm(stub);
  expect(await stub.flushNow()).toBe(0);
  expect(await d1Rows("Crash-1")).toEqual({ deliveries: 1, intents: 1, executions: 1 });
  // The ids the recorder assigned at ack time are the ones D1 holds.
  expect(await n("SELECT count(*) AS n FROM intents WHERE id = ? AND execution_id = ?", assigned?.intentId ?? "", assigned?.executionId ?? "")).toBe(1);

  // The lost handoff: the intent is still `received`, and the sweep re-sends it.
  const sent: HandoffMessage[] = [];
  const capture: Env = { ...env, INGEST: { sendBatch: async (b: { body: HandoffMessage }[]) => void sent.push(...b.map((m) => m.body)) } as unknown as Queue<HandoffMessage> };
  await sweepUnhandedIntents(capture, new Date(Date.now() + 120_000));
  expect(sent.map((m) => m.intentId)).toEqual([assigned?.intentId]);
});

it("a repeat once the outbox reached D1 is a duplicate from the recorder's memory; another digest is a conflict kept in D1", async () => {
  const stub = recorder("repeat");
  expect((await stub.record(entry("Repeat-1"))).status).toBe("new");
  expect(await settleDeliveries()).toBe(0);
  expect((await stub.record(entry("Repeat-1"))).status).toBe("duplicate");
  expect((await stub.record(entry("Repeat-1", "x".repeat(64)))).status).toBe("conflict");
  expect(await settleDeliveries()).toBe(0);
  expect(await d1Rows("Repeat-1")).toEqual({ deliveries: 1, intents: 1, executions: 1 });
  expect(await n("SELECT count(*) AS n FROM webhook_delivery_conflicts WHERE delivery_id = ? AND payload_hash = ?", "Repeat-1", "x".repeat(64))).toBe(1);
});

it("forgets a delivery id after the dedupe window (the alarm prunes it); D1's keys still refuse a later repeat", async () => {
  const stub = recorder("prune");
  expect((await stub.record(entry("Old-1"))).status).toBe("new");
  expect((await stub.record(entry("Recent-1"))).status).toBe("new");
  expect(await stub.flushNow()).toBe(0);
  const old = new Date(Date.now() - DEDUPE_WINDOW_MS - 60_000).toISOString();
  await runInDurableObject(stub, (_i, state) => void state.storage.sql.exec("UPDATE dedupe SET received_at = ? WHERE delivery_id = 'Old-1'", old));

  expect(await runDurableObjectAlarm(stub)).toBe(true);
  const after = await runInDurableObject(stub, async (_i, state) => ({
    ids: state.storage.sql.exec<{ id: string }>("SELECT delivery_id AS id FROM dedupe").toArray().map((r) => r.id),
    alarm: await state.storage.getAlarm(),
  }));
  expect(after.ids).toEqual(["Recent-1"]);
  // The next alarm is when the remaining row leaves the window.
  expect(after.alarm).toBeGreaterThan(Date.now() + DEDUPE_WINDOW_MS - 3_600_000);

  // Older than the recorder's memory: acknowledged as new, then refused by D1's keys when the outbox reaches it.
  expect((await stub.record(entry("Old-1"))).status).toBe("new");
  expect(await stub.flushNow()).toBe(0);
  expect(await d1Rows("Old-1")).toEqual({ deliveries: 1, intents: 1, executions: 1 });
});
