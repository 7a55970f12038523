import { afterEach, beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { advanceClock, getExecution, restoreClock, runDueAlarms, slackPosts, submitText } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("cancel");
});
afterEach(() => restoreClock());

it("cancels mid-run: the step waiting for its retry never runs again and the rest are cancelled", async () => {
  await standin.script([{ match: "chat.postMessage", status: 503, body: { ok: false } }]);
  const submitted = await submitText(admin, "reply one then reply two");
  await runDueAlarms(submitted.executionId);
  expect((await getExecution(admin, submitted.executionId)).steps[0]).toMatchObject({ state: "pending", attempts: 1 });

  const res = await call("POST", `/v1/executions/${submitted.executionId}/cancel`, { key: admin.key, body: {} });
  const body = await res.text();
  expect(res.status, body).toBe(200);
  expect((JSON.parse(body) as { status: string }).status).toBe("cancelled");

  advanceClock(60_000);
  await runDueAlarms(submitted.executionId);
  const view = await getExecution(admin, submitted.executionId);
  expect(view.status).toBe("cancelled");
  expect(view.steps.map((s) => s.state)).toEqual(["cancelled", "cancelled"]);
  expect(await slackPosts()).toHaveLength(1);

  const again = await call("POST", `/v1/executions/${submitted.executionId}/cancel`, { key: admin.key, body: {} });
  expect(again.status).toBe(409);
  await standin.reset();
});
