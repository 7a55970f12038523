import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { utf8 } from "../../../workers/channels/bytes.ts";
import worker from "../../../workers/index.ts";
import { settleDeliveries } from "../../support/deliveries.ts";
import { runAlarms } from "../../support/runtime.ts";
import { testSecrets } from "../../support/test-secrets.ts";
import { githubSignedWith, metaSignedWith } from "../support/requests.ts";
import { slackSignature, twilioSignature } from "../support/sign.ts";

/** Through the whole Worker, as a provider would call it. */
export function post(path: string, init: RequestInit): Promise<Response> {
  return exports.default.fetch(`http://cp.test${path}`, init);
}

/** Signed with the secret the tests bind, at the Worker's own clock (Slack refuses more than 300 s of skew). */
export async function slackSigned(body: string, contentType: string, extra: Record<string, string> = {}): Promise<RequestInit> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    method: "POST",
    body,
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": await slackSignature(testSecrets.SLACK_SIGNING_SECRET, timestamp, utf8(body)),
      ...extra,
    },
  };
}

export const slackEvent = (payload: unknown, extra: Record<string, string> = {}) => slackSigned(JSON.stringify(payload), "application/json", extra);
export const slackFormPost = (form: string) => slackSigned(form, "application/x-www-form-urlencoded");

export function githubSigned(event: string, payload: unknown, guid: string): Promise<RequestInit> {
  return githubSignedWith(testSecrets.GITHUB_WEBHOOK_SECRET, event, JSON.stringify(payload), guid);
}

export function metaSigned(payload: unknown): Promise<RequestInit> {
  return metaSignedWith(testSecrets.META_APP_SECRET, payload);
}

export async function twilioSigned(params: Record<string, string>): Promise<RequestInit> {
  const pairs = Object.entries(params);
  return {
    method: "POST",
    body: new URLSearchParams(pairs).toString(),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": await twilioSignature(testSecrets.TWILIO_AUTH_TOKEN, testSecrets.TWILIO_WEBHOOK_URL, pairs),
    },
  };
}

interface PendingIntent {
  id: string;
  execution_id: string;
  tenant_id: string;
}

/** Intents `drive` has already handed on (ids are random, so this file's are never an earlier file's). */
const driven = new Set<string>();

/**
 * Does what the INGEST queue and the execution alarms would do, without waiting for either: once every
 * acknowledged delivery reached D1, hands every channel intent not driven before to the consumer (whether or
 * not the local queue took it first: `start` is idempotent), then runs each execution's alarms. Returns the
 * execution ids.
 */
export async function drive(): Promise<string[]> {
  await settleDeliveries();
  const { results: recorded } = await env.DB.prepare(
    "SELECT id, execution_id, tenant_id FROM intents WHERE status IN ('received', 'handed_off') AND source_provider IN ('slack', 'github', 'meta', 'twilio') ORDER BY id",
  ).all<PendingIntent>();
  const results = recorded.filter((r) => !driven.has(r.id));
  for (const r of results) driven.add(r.id);
  if (results.length === 0) return [];
  const batch = createMessageBatch(
    "control-plane-ingest",
    results.map((r) => ({ id: `m-${r.id}`, timestamp: new Date(), attempts: 1, body: { intentId: r.id, executionId: r.execution_id, tenantId: r.tenant_id } })),
  );
  const ctx = createExecutionContext();
  // The consumer takes no context; getQueueResult still needs one to settle against.
  await worker.queue(batch, env);
  const outcome = await getQueueResult(batch, ctx);
  if (outcome.explicitAcks.length !== results.length) throw new Error(`handoffs not acknowledged: ${JSON.stringify(outcome)}`);
  for (const r of results) await runAlarms(r.execution_id);
  return results.map((r) => r.execution_id);
}

/** Reads D1 once every acknowledged delivery has reached it. */
export async function count(sql: string, ...params: unknown[]): Promise<number> {
  await settleDeliveries();
  const row = await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export interface ExecutionRow {
  id: string;
  tenant_id: string;
  status: string;
  trace_id: string;
}

export async function executionOf(intentSourceItemId: string): Promise<ExecutionRow | null> {
  await settleDeliveries();
  return env.DB.prepare(
    "SELECT e.id, e.tenant_id, e.status, e.trace_id FROM executions e JOIN intents i ON i.execution_id = e.id WHERE i.source_item_id = ?",
  )
    .bind(intentSourceItemId)
    .first<ExecutionRow>();
}

/** The trace event types of one trace, in chain order, as its ExecutionDO holds the chain. */
export async function traceTypes(traceId: string): Promise<string[]> {
  const row = await env.DB.prepare("SELECT id FROM executions WHERE trace_id = ?").bind(traceId).first<{ id: string }>();
  if (row === null) return [];
  const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(row.id));
  if (!(await stub.started())) return [];
  return (JSON.parse(await stub.traceJson()) as { event: { type: string } }[]).map((link) => link.event.type);
}
