import { describe, expect, it } from "vitest";
import { at, buildPlan, feed, idOf, invokes, ok, start } from "./helpers.ts";

describe("every invoke", () => {
  it("is emitted by a transition whose state and step.started event already carry the step's verdict", () => {
    const plan = buildPlan([{ key: "a" }, { key: "b" }, { key: "c", after: ["a", "b"] }]);
    const s0 = start(plan);
    const s1 = feed(s0.state, ok(idOf(plan, "a"), 1), at(1));
    const s2 = feed(s1.state, ok(idOf(plan, "b"), 1), at(2));
    for (const result of [s0, s1, s2]) {
      for (const invoke of invokes(result.effects)) {
        const step = result.state.steps.find((s) => s.stepId === invoke.stepId);
        expect(step?.verdict).toEqual(invoke.verdict);
        expect(invoke.verdict.policyHash).toMatch(/^[0-9a-f]{64}$/);
        const started = result.events.find(
          (e) => e.type === "controlPlane.execution.step.started" && e.stepId === invoke.stepId,
        );
        expect(started?.payload).toMatchObject({ attempt: invoke.attempt, verdict: invoke.verdict });
      }
    }
    expect(invokes(s2.effects).map((e) => e.key)).toEqual(["c"]);
  });
});
