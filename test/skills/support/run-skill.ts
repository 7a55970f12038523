import { call, ensureBound, type Admin } from "../../support/api.ts";
import { deliverHandoff, runAlarms, submit, type Submitted } from "../../support/runtime.ts";

export const SLACK_THREAD = { kind: "slack", teamId: "T0THREAD", channelId: "C1", threadTs: "1700000000.000001" } as const;

/** A channel-style command through POST /v1/intents, handed off and run to the end. */
export async function runCommand(admin: Admin, text: string): Promise<Submitted> {
  await ensureBound(admin, { provider: "slack", externalId: SLACK_THREAD.teamId });
  const submitted = await submit(admin.key, { channel: "slack", replyTo: SLACK_THREAD, text });
  await deliverHandoff(submitted, admin.tenantId);
  await runAlarms(submitted.executionId);
  return submitted;
}

export interface StepView {
  tool: { key: string; version: string };
  state: string;
  outputDigest: string | null;
  lastError: { code: string; message: string } | null;
  verdict: { verdict: string } | null;
}

export async function executionOf(admin: Admin, executionId: string): Promise<{ status: string; steps: StepView[] }> {
  const res = await call("GET", `/v1/executions/${executionId}`, { key: admin.key });
  if (res.status !== 200) throw new Error(`execution get failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { status: string; steps: StepView[] };
}

export interface TraceEntry {
  type: string;
  stepId?: string;
  capabilitySource?: string;
  actor?: { type: string; id: string };
  payload?: Record<string, unknown>;
}

export async function traceOf(admin: Admin, traceId: string): Promise<{ events: TraceEntry[]; valid: boolean }> {
  const res = await call("GET", `/v1/traces/${traceId}?includePayloads=true&limit=200`, { key: admin.key });
  if (res.status !== 200) throw new Error(`trace get failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { events: TraceEntry[]; chain: { valid: boolean } };
  return { events: body.events, valid: body.chain.valid };
}

export async function replayOutcome(admin: Admin, executionId: string): Promise<{ outcome: string; differences: unknown[] }> {
  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key });
  if (res.status !== 200) throw new Error(`replay failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { outcome: string; differences: unknown[] };
}
