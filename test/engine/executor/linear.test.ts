import { describe, expect, it } from "vitest";
import { at, buildPlan, feed, idOf, invokes, ok, start, stepByKey } from "./helpers.ts";

describe("a linear plan a → b → c", () => {
  const plan = buildPlan([{ key: "a" }, { key: "b", after: ["a"] }, { key: "c", after: ["b"] }]);

  it("runs one step at a time, each after the one before succeeded, then completes", () => {
    const s0 = start(plan);
    expect(invokes(s0.effects).map((e) => e.key)).toEqual(["a"]);
    expect(s0.events.map((e) => e.type)).toEqual(["controlPlane.execution.started", "controlPlane.execution.step.started"]);
    expect(stepByKey(s0.state, "b").state).toBe("pending");

    const s1 = feed(s0.state, ok(idOf(plan, "a"), 1), at(10));
    expect(invokes(s1.effects).map((e) => e.key)).toEqual(["b"]);
    expect(s1.events.map((e) => e.type)).toEqual([
      "controlPlane.execution.step.completed",
      "controlPlane.execution.step.started",
    ]);

    const s2 = feed(s1.state, ok(idOf(plan, "b"), 1), at(20));
    expect(invokes(s2.effects).map((e) => e.key)).toEqual(["c"]);

    const s3 = feed(s2.state, ok(idOf(plan, "c"), 1), at(30));
    expect(s3.state.status).toBe("succeeded");
    expect(s3.state.endedAt).toBe(at(30));
    expect(s3.effects).toEqual([{ kind: "completed", status: "succeeded" }]);
    expect(s3.events.map((e) => e.type)).toEqual([
      "controlPlane.execution.step.completed",
      "controlPlane.execution.completed",
    ]);
    expect(s3.state.steps.map((s) => s.state)).toEqual(["succeeded", "succeeded", "succeeded"]);
  });

  it("sends the step's idempotency key, planned input and tool with the invoke", () => {
    const [invoke] = invokes(start(plan).effects);
    const planned = plan.steps[0];
    expect(invoke).toMatchObject({
      stepId: planned?.stepId,
      attempt: 1,
      idempotencyKey: planned?.idempotencyKey,
      tool: planned?.tool,
      input: planned?.input,
      planId: plan.planId,
      planDigest: plan.digest,
    });
  });
});
