import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { registry } from "../../contracts/index.ts";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { advanceClock, getExecution, restoreClock, runDueAlarms, runText, submitText } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("payloads");
});
beforeEach(() => standin.reset());
afterEach(() => restoreClock());

interface TracedEvent {
  seq: number;
  type: string;
  payload?: unknown;
}

async function eventsOf(traceId: string): Promise<TracedEvent[]> {
  const res = await call("GET", `/v1/traces/${traceId}?includePayloads=true&limit=500`, { key: admin.key });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { events: TracedEvent[]; chain: { valid: boolean } };
  expect(body.chain.valid).toBe(true);
  return body.events;
}

async function decide(executionId: string, decision: "approve" | "reject"): Promise<void> {
  const step = (await getExecution(admin, executionId)).steps.find((s) => s.state === "waiting_approval");
  if (step === undefined) throw new Error("no step waits for approval");
  const body = decision === "reject" ? { stepId: step.stepId, reason: "not this label" } : { stepId: step.stepId };
  const res = await call("POST", `/v1/executions/${executionId}/${decision}`, { key: admin.key, body });
  expect(res.status, await res.clone().text()).toBe(200);
  await runDueAlarms(executionId);
}

it("every event of full runs carries the payload its event contract declares", async () => {
  const traces: string[] = [];

  // Retried, then succeeded, with a dependent step.
  await standin.script([{ match: "chat.postMessage", status: 503, body: { ok: false } }]);
  const retried = await submitText(admin, "reply one then reply two");
  await runDueAlarms(retried.executionId);
  advanceClock(1_000);
  await runDueAlarms(retried.executionId);
  traces.push(retried.traceId);

  // A final failure.
  await standin.script([{ match: "chat.postMessage", status: 403, body: { ok: false, error: "not_in_channel" } }]);
  traces.push((await runText(admin, "reply doomed then reply skipped")).traceId);

  // Text that does not parse.
  traces.push((await runText(admin, "frobnicate")).traceId);

  // Approved, and rejected, by an approver.
  const approved = await runText(admin, "label acme/web#1 bug then reply labelled");
  await decide(approved.executionId, "approve");
  traces.push(approved.traceId);
  const rejected = await runText(admin, "label acme/web#2 wontfix");
  await decide(rejected.executionId, "reject");
  traces.push(rejected.traceId);

  // Cancelled mid-run.
  await standin.script([{ match: "chat.postMessage", status: 503, body: { ok: false } }]);
  const cancelled = await submitText(admin, "reply once then reply twice");
  await runDueAlarms(cancelled.executionId);
  expect((await call("POST", `/v1/executions/${cancelled.executionId}/cancel`, { key: admin.key, body: {} })).status).toBe(200);
  traces.push(cancelled.traceId);

  const seen = new Set<string>();
  const problems: string[] = [];
  for (const traceId of traces) {
    for (const event of await eventsOf(traceId)) {
      seen.add(event.type);
      const contract = registry.getEvent(event.type);
      if (contract === undefined) {
        problems.push(`${traceId}#${event.seq} ${event.type}: no such event contract`);
        continue;
      }
      if (event.payload === undefined) {
        problems.push(`${traceId}#${event.seq} ${event.type}: payload missing`);
        continue;
      }
      const parsed = contract.payload.safeParse(event.payload);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
        problems.push(`${traceId}#${event.seq} ${event.type}: ${issues}`);
      }
    }
  }
  expect(problems).toEqual([]);
  expect([...seen].sort()).toEqual(
    expect.arrayContaining([
      "controlPlane.intent.received",
      "controlPlane.plan.compiled",
      "controlPlane.plan.rejected",
      "controlPlane.execution.policy_pinned",
      "controlPlane.execution.started",
      "controlPlane.execution.step.started",
      "controlPlane.execution.step.retry_scheduled",
      "controlPlane.execution.step.completed",
      "controlPlane.execution.step.failed",
      "controlPlane.execution.step.approval_requested",
      "controlPlane.execution.step.vote_recorded",
      "controlPlane.execution.step.approved",
      "controlPlane.execution.step.rejected",
      "controlPlane.execution.completed",
      "controlPlane.execution.failed",
      "controlPlane.execution.cancelled",
    ]),
  );
});
