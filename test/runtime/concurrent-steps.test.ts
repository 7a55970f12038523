import { beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap } from "../support/api.ts";
import { executionStub } from "../support/runtime.ts";
import { getExecution, slackPosts, submitText } from "./support/flow.ts";
import { runDurableObjectAlarm } from "cloudflare:test";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("concurrent");
});

it("starts independent steps (`reply a and reply b`) in the same alarm, before either finishes", async () => {
  const submitted = await submitText(admin, "reply a and reply b");
  // One alarm run dispatches both calls: neither waited for the other's outcome.
  await runDurableObjectAlarm(executionStub(submitted.executionId));
  const posts = await slackPosts();
  expect(posts.map((p) => JSON.parse(p.body).text).sort()).toEqual(["a", "b"]);
  const view = await getExecution(admin, submitted.executionId);
  expect(view.status).toBe("succeeded");
  expect(view.steps.map((s) => [s.key, s.state, s.attempts])).toEqual([
    [view.steps[0]?.key, "succeeded", 1],
    [view.steps[1]?.key, "succeeded", 1],
  ]);

  const trace = await executionStub(submitted.executionId).traceJson();
  const types = (JSON.parse(trace) as { event: { type: string } }[]).map((l) => l.event.type);
  // Both steps started before the first completed: they ran side by side.
  const firstCompleted = types.indexOf("controlPlane.execution.step.completed");
  expect(types.slice(0, firstCompleted).filter((t) => t === "controlPlane.execution.step.started")).toHaveLength(2);
});
