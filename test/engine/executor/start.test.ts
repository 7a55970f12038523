import { describe, expect, it } from "vitest";
import { transition } from "../../../engine/executor/machine.ts";
import { digestOf } from "../../../engine/hash.ts";
import { T0, buildPlan, config, machine, requester, start } from "./helpers.ts";

describe("start", () => {
  const plan = buildPlan([{ key: "a" }, { key: "b", after: ["a"] }]);

  it("refuses a plan whose digest does not match its content", () => {
    const tampered = { ...plan, steps: plan.steps.map((s) => ({ ...s, risk: "low" as const, input: { text: "evil" } })) };
    const r = transition(null, { kind: "start", plan: tampered, requester, config }, T0, machine);
    expect(r).toMatchObject({ state: null, events: [], effects: [], ignored: { code: "INVALID_PLAN" } });
  });

  it("refuses a cyclic or dangling DAG even with a matching digest", () => {
    const [a, b] = plan.steps;
    if (a === undefined || b === undefined) throw new Error("unreachable");
    for (const steps of [
      [{ ...a, dependsOn: [b.stepId] }, b],
      [{ ...a, dependsOn: ["st_000000000000000000000000"] }, b],
    ]) {
      const { digest: _, ...rest } = { ...plan, steps };
      const bad = { ...rest, digest: digestOf(rest) };
      const r = transition(null, { kind: "start", plan: bad, requester, config }, T0, machine);
      expect(r.ignored?.code).toBe("INVALID_PLAN");
    }
  });

  it("refuses an invalid config, and a second start", () => {
    const bad = transition(null, { kind: "start", plan, requester, config: { ...config, maxInFlight: 0 } }, T0, machine);
    expect(bad.ignored?.code).toBe("INVALID_CONFIG");
    const s0 = start(plan);
    expect(transition(s0.state, { kind: "start", plan, requester, config }, T0, machine).ignored?.code).toBe("ALREADY_STARTED");
  });

  it("records the plan identity, the requester and the config in execution.started", () => {
    const s0 = start(plan);
    expect(s0.events[0]).toEqual({
      type: "controlPlane.execution.started",
      payload: { planId: plan.planId, planDigest: plan.digest, intentDigest: plan.intentDigest, requester, stepCount: 2, config },
    });
    expect(s0.changedSteps).toEqual(plan.steps.map((s) => s.stepId));
  });

  it("rejects a clock value that is not a timestamp", () => {
    expect(() => transition(null, { kind: "start", plan, requester, config }, "yesterday", machine)).toThrow(RangeError);
  });
});
