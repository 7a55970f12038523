import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { vi } from "vitest";
import { type Admin, call, ensureBound } from "../../support/api.ts";
import { deliverHandoff, executionStub, type Submitted, submit } from "../../support/runtime.ts";
import { standin } from "../../support/standin.ts";

export const SLACK_THREAD = { kind: "slack", teamId: "T0THREAD", channelId: "C1", threadTs: "1700000000.000001" } as const;

export interface StepView {
  stepId: string;
  key: string;
  state: string;
  attempts: number;
  reason: { code: string; message: string } | null;
  nextAttemptAt: string | null;
  verdict: { verdict: string } | null;
  lastError: { code: string; retryable: boolean; retryAfterMs: number | null } | null;
}

export interface ExecutionView {
  executionId: string;
  status: string;
  completedAt: string | null;
  steps: StepView[];
}

/** Submits command text answered in a Slack thread and hands it to its ExecutionDO (no tool runs yet). */
export async function submitText(admin: Admin, text: string): Promise<Submitted> {
  await ensureBound(admin, { provider: "slack", externalId: SLACK_THREAD.teamId });
  const submitted = await submit(admin.key, { channel: "slack", replyTo: SLACK_THREAD, text });
  await deliverHandoff(submitted, admin.tenantId);
  return submitted;
}

/** Submits and runs every due alarm: what a one-shot execution does when nothing is delayed. */
export async function runText(admin: Admin, text: string): Promise<Submitted> {
  const submitted = await submitText(admin, text);
  await runDueAlarms(submitted.executionId);
  return submitted;
}

export async function getExecution(admin: Admin, executionId: string): Promise<ExecutionView> {
  const res = await call("GET", `/v1/executions/${executionId}`, { key: admin.key });
  if (res.status !== 200) throw new Error(`execution.get: ${res.status} ${await res.text()}`);
  return (await res.json()) as ExecutionView;
}

export async function slackPosts() {
  return (await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage"));
}

/**
 * Runs the alarm while it has due work. An alarm whose only work is in the future (a retry's backoff,
 * the watchdog) is left scheduled: time is moved on explicitly with `advanceClock`, never slept through.
 */
export async function runDueAlarms(executionId: string, max = 20): Promise<number> {
  const stub = executionStub(executionId);
  let ran = 0;
  while (ran < max) {
    const at = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());
    if (at === null || at > Date.now()) break;
    if (!(await runDurableObjectAlarm(stub))) break;
    ran++;
  }
  return ran;
}

/** Moves the clock the Worker and its Durable Objects read (Date only; timers are untouched). */
export function advanceClock(ms: number): void {
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + ms);
}

export function restoreClock(): void {
  vi.useRealTimers();
}

/**
 * Rewrites history in the execution's own storage: the first recorded tool outcome now says the provider
 * answered with another message timestamp. Returns how many outcomes were changed (0 or 1).
 */
export async function tamperFirstToolOutcome(executionId: string): Promise<number> {
  return runInDurableObject(executionStub(executionId), (_instance, state) => {
    const rows = state.storage.sql.exec<{ seq: number; input: string }>("SELECT seq, input FROM inputs ORDER BY seq").toArray();
    const row = rows.find((r) => (JSON.parse(r.input) as { kind: string }).kind === "tool_outcome");
    if (row === undefined) return 0;
    const input = JSON.parse(row.input) as { kind: string; outcome: { ok: boolean; output?: Record<string, unknown> } };
    const tampered = { ...input, outcome: { ok: true, output: { ...input.outcome.output, ts: "1700000000.999999" } } };
    state.storage.sql.exec("UPDATE inputs SET input = ? WHERE seq = ?", JSON.stringify(tampered), row.seq);
    return 1;
  });
}
