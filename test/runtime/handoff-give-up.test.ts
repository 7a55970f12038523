import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { Intent } from "../../contracts/intent.ts";
import worker from "../../workers/index.ts";
import type { Env } from "../../workers/env.ts";
import type { HandoffMessage } from "../../workers/ingest/handoff-message.ts";
import { prepareIntentRecord } from "../../workers/ingest/record-intent.ts";
import { MAX_SWEEP_ATTEMPTS, sweepUnhandedIntents } from "../../workers/ingest/sweep.ts";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { runDueAlarms, SLACK_THREAD } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("give-up");
});

const T0 = Date.parse("2026-09-01T10:00:00.000Z");
const LATER = new Date(T0 + 3_600_000);

async function recordIntent(text: string, receivedAt: Date, itemId: string) {
  const intent: Intent = { tenantId: admin.tenantId, actor: { type: "human", id: "U1" }, channel: "slack", replyTo: SLACK_THREAD, text, receivedAt: receivedAt.toISOString() };
  const { record, statements } = prepareIntentRecord(env.DB, intent, { provider: "api", deliveryId: itemId, itemId }, receivedAt);
  await env.DB.batch(statements);
  return record;
}

/** An INGEST that takes messages and never delivers them: the queue lost every one. */
function losingQueue() {
  const sent: HandoffMessage[] = [];
  const lossy: Env = { ...env, INGEST: { send: async (m: HandoffMessage) => void sent.push(m), sendBatch: async (batch: { body: HandoffMessage }[]) => void sent.push(...batch.map((m) => m.body)) } as unknown as Queue<HandoffMessage> };
  return { sent, lossy };
}

async function intentRow(id: string) {
  return env.DB.prepare("SELECT status, handoff_attempts AS attempts, handoff_error AS error FROM intents WHERE id = ?").bind(id).first<{ status: string; attempts: number; error: string | null }>();
}
async function executionStatus(id: string) {
  return (await env.DB.prepare("SELECT status FROM executions WHERE id = ?").bind(id).first<{ status: string }>())?.status;
}
async function handoffAlerts(executionId: string) {
  const rows = await env.DB.prepare("SELECT kind, detail FROM drift_alerts WHERE tenant_id = ? AND execution_id = ?").bind(admin.tenantId, executionId).all<{ kind: string; detail: string }>();
  return rows.results.map((r) => ({ kind: r.kind, detail: JSON.parse(r.detail) as { intentId: string; attempts: number; reason: string } }));
}

it("re-sends the oldest stale intents first and counts each attempt", async () => {
  const newest = await recordIntent("newest", new Date(T0 + 2_000), "order-3");
  const oldest = await recordIntent("oldest", new Date(T0), "order-1");
  const middle = await recordIntent("middle", new Date(T0 + 1_000), "order-2");
  const { sent, lossy } = losingQueue();
  expect(await sweepUnhandedIntents(lossy, LATER, 2)).toBe(2);
  expect(sent.map((m) => m.intentId)).toEqual([oldest.intentId, middle.intentId]);
  expect((await intentRow(oldest.intentId))?.attempts).toBe(1);
  expect((await intentRow(newest.intentId))?.attempts).toBe(0);
  // Clean up so later tests of this file see only their own intents.
  await env.DB.prepare("UPDATE intents SET status = 'handed_off' WHERE id IN (?, ?, ?)").bind(newest.intentId, oldest.intentId, middle.intentId).run();
});

it("stops re-sending an intent whose attempts ran out: the intent and its execution fail with a reason and a drift alert says so", async () => {
  const record = await recordIntent("never arrives", new Date(T0), "capped-1");
  const { sent, lossy } = losingQueue();
  for (let sweep = 1; sweep <= MAX_SWEEP_ATTEMPTS; sweep++) {
    expect(await sweepUnhandedIntents(lossy, new Date(LATER.getTime() + sweep * 300_000))).toBe(1);
  }
  expect(sent).toHaveLength(MAX_SWEEP_ATTEMPTS);
  expect((await intentRow(record.intentId))?.attempts).toBe(MAX_SWEEP_ATTEMPTS);

  // The next sweep gives up instead of sending it again, and so does every one after it.
  expect(await sweepUnhandedIntents(lossy, new Date(LATER.getTime() + 99 * 300_000))).toBe(0);
  expect(await sweepUnhandedIntents(lossy, new Date(LATER.getTime() + 100 * 300_000))).toBe(0);
  expect(sent).toHaveLength(MAX_SWEEP_ATTEMPTS);
  const row = await intentRow(record.intentId);
  expect(row?.status).toBe("failed");
  expect(row?.error).toMatch(/not handed off after 12 sweeps/);
  expect(await executionStatus(record.executionId)).toBe("failed");
  expect(await handoffAlerts(record.executionId)).toEqual([
    { kind: "handoff_failed", detail: { intentId: record.intentId, attempts: MAX_SWEEP_ATTEMPTS, reason: row?.error } },
  ]);
  const listed = await call("GET", "/v1/executions?status=failed", { key: admin.key });
  expect(JSON.stringify(await listed.json())).toContain(record.executionId);
});

it("does not fail an intent whose execution did start (only the handed-off mark was lost): it is marked handed off", async () => {
  const record = await recordIntent("reply started anyway", new Date(T0), "started-1");
  const handoff = { intentId: record.intentId, executionId: record.executionId, tenantId: admin.tenantId };
  const batch = createMessageBatch("control-plane-ingest", [{ id: "m-started", timestamp: new Date(), attempts: 1, body: handoff }]);
  await worker.queue(batch, env);
  await runDueAlarms(record.executionId);
  // The mark is lost: the row still says received, with its attempts spent.
  await env.DB.prepare("UPDATE intents SET status = 'received', handoff_attempts = ? WHERE id = ?").bind(MAX_SWEEP_ATTEMPTS, record.intentId).run();

  const { sent, lossy } = losingQueue();
  expect(await sweepUnhandedIntents(lossy, LATER)).toBe(0);
  expect(sent).toEqual([]);
  expect((await intentRow(record.intentId))?.status).toBe("handed_off");
  expect(await executionStatus(record.executionId)).not.toBe("failed");
  expect(await handoffAlerts(record.executionId)).toEqual([]);
});

it("turns a dead-lettered handoff into a failed intent and execution with a drift alert, and acknowledges it", async () => {
  const record = await recordIntent("dead lettered", new Date(T0), "dlq-1");
  const handoff = { intentId: record.intentId, executionId: record.executionId, tenantId: admin.tenantId };
  const batch = createMessageBatch<unknown>("control-plane-ingest-dlq", [
    { id: "dead-1", timestamp: new Date(), attempts: 1, body: handoff },
    { id: "dead-2", timestamp: new Date(), attempts: 1, body: { not: "a handoff" } },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  expect(result.explicitAcks.sort()).toEqual(["dead-1", "dead-2"]);
  expect(result.retryMessages).toEqual([]);

  const row = await intentRow(record.intentId);
  expect(row?.status).toBe("failed");
  expect(row?.error).toMatch(/dead-lettered/);
  expect(await executionStatus(record.executionId)).toBe("failed");
  const alerts = await handoffAlerts(record.executionId);
  expect(alerts.map((a) => [a.kind, a.detail.intentId])).toEqual([["handoff_failed", record.intentId]]);
  // The sweep leaves a failed intent alone.
  const { sent, lossy } = losingQueue();
  await sweepUnhandedIntents(lossy, LATER);
  expect(sent).toEqual([]);
});
