import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { Intent } from "../../contracts/intent.ts";
import worker from "../../workers/index.ts";
import type { Env } from "../../workers/env.ts";
import type { HandoffMessage } from "../../workers/ingest/handoff-message.ts";
import { prepareIntentRecord } from "../../workers/ingest/record-intent.ts";
import { sweepUnhandedIntents } from "../../workers/ingest/sweep.ts";
import { type Admin, bootstrap } from "../support/api.ts";
import { getExecution, runDueAlarms, SLACK_THREAD, slackPosts } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("sweep");
});

// Regression guard for "a crash after the ack loses nothing": the intent row is the only thing that survived.
it("picks up an intent recorded but never handed off, on a later sweep, and runs it to completion", async () => {
  const receivedAt = new Date();
  const intent: Intent = { tenantId: admin.tenantId, actor: { type: "human", id: "U1" }, channel: "slack", replyTo: SLACK_THREAD, text: "reply survived", receivedAt: receivedAt.toISOString() };
  const { record, statements } = prepareIntentRecord(env.DB, intent, { provider: "api", deliveryId: "crash-1", itemId: "crash-1" }, receivedAt);
  // The durable record commits; the process dies before the queue send.
  await env.DB.batch(statements);

  const sent: HandoffMessage[] = [];
  const capture: Env = { ...env, INGEST: { send: async (m: HandoffMessage) => void sent.push(m), sendBatch: async (batch: { body: HandoffMessage }[]) => void sent.push(...batch.map((m) => m.body)) } as unknown as Queue<HandoffMessage> };
  expect(await sweepUnhandedIntents(capture, new Date(receivedAt.getTime() + 10_000))).toBe(0);
  expect(await sweepUnhandedIntents(capture, new Date(receivedAt.getTime() + 120_000))).toBe(1);
  expect(sent).toEqual([{ intentId: record.intentId, executionId: record.executionId, tenantId: admin.tenantId }]);

  const batch = createMessageBatch("control-plane-ingest", sent.map((body, i) => ({ id: `swept-${i}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(1);
  await runDueAlarms(record.executionId);

  expect((await getExecution(admin, record.executionId)).status).toBe("succeeded");
  expect((await slackPosts()).map((p) => JSON.parse(p.body).text)).toEqual(["survived"]);
  // Handed off now: the next sweep leaves it alone.
  expect(await sweepUnhandedIntents(capture, new Date(receivedAt.getTime() + 240_000))).toBe(0);
});
