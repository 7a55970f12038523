import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { advanceClock, getExecution, restoreClock, runDueAlarms, runText, submitText } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("replay-ok");
});
beforeEach(() => standin.reset());
afterEach(() => restoreClock());

async function replay(executionId: string): Promise<{ outcome: string; differences: unknown[]; eventsCompared: number }> {
  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as { outcome: string; differences: unknown[]; eventsCompared: number };
}

async function expectConsistent(executionId: string, status: string): Promise<void> {
  expect((await getExecution(admin, executionId)).status).toBe(status);
  const report = await replay(executionId);
  expect(report.differences).toEqual([]);
  expect(report.outcome).toBe("consistent");
  expect(report.eventsCompared).toBeGreaterThan(0);
}

it("replays a succeeded execution consistently", async () => {
  const { executionId } = await runText(admin, "reply one and reply two then reply three");
  await expectConsistent(executionId, "succeeded");
});

it("replays a retried execution consistently (a 503, backoff, then success)", async () => {
  await standin.script([{ match: "chat.postMessage", status: 503, body: { ok: false } }]);
  const { executionId } = await submitText(admin, "reply flaky");
  await runDueAlarms(executionId);
  advanceClock(1_000);
  await runDueAlarms(executionId);
  const view = await getExecution(admin, executionId);
  expect(view.steps[0]).toMatchObject({ state: "succeeded", attempts: 2 });
  await expectConsistent(executionId, "succeeded");
});

it("replays a failed execution consistently", async () => {
  await standin.script([{ match: "chat.postMessage", status: 403, body: { ok: false, error: "not_in_channel" } }]);
  const { executionId } = await runText(admin, "reply first then reply second");
  await expectConsistent(executionId, "failed");
});

it("replays a cancelled execution consistently", async () => {
  await standin.script([{ match: "chat.postMessage", status: 503, body: { ok: false } }]);
  const { executionId } = await submitText(admin, "reply one then reply two");
  await runDueAlarms(executionId);
  const res = await call("POST", `/v1/executions/${executionId}/cancel`, { key: admin.key, body: {} });
  expect(res.status).toBe(200);
  await expectConsistent(executionId, "cancelled");
});

it("replays an execution waiting for approval consistently", async () => {
  const { executionId } = await runText(admin, "label acme/web#1 bug then reply labelled");
  await expectConsistent(executionId, "waiting_approval");
});
