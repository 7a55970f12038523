import { describe, expect, it } from "vitest";
import { transition } from "../../../engine/executor/machine.ts";
import { digestOf } from "../../../engine/hash.ts";
import { INTERIM_POLICY_REF } from "../../../engine/policy/interim.ts";
import { T0, buildPlan, config, machine, requester, start, startInput } from "./helpers.ts";

describe("start", () => {
  const plan = buildPlan([{ key: "a" }, { key: "b", after: ["a"] }]);

  it("refuses a plan whose digest does not match its content", () => {
    const tampered = { ...plan, steps: plan.steps.map((s) => ({ ...s, risk: "low" as const, input: { text: "evil" } })) };
    const r = transition(null, startInput(tampered), T0, machine);
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
      const r = transition(null, startInput(bad), T0, machine);
      expect(r.ignored?.code).toBe("INVALID_PLAN");
    }
  });

  it("refuses an invalid config, and a second start", () => {
    const bad = transition(null, startInput(plan, machine, { config: { ...config, maxInFlight: 0 } }), T0, machine);
    expect(bad.ignored?.code).toBe("INVALID_CONFIG");
    const s0 = start(plan);
    expect(transition(s0.state, startInput(plan), T0, machine).ignored?.code).toBe("ALREADY_STARTED");
  });

  it("records the plan identity, the requester, the config and the pinned policy in execution.started", () => {
    const s0 = start(plan);
    expect(s0.events[0]).toEqual({
      type: "controlPlane.execution.started",
      payload: {
        planId: plan.planId,
        planDigest: plan.digest,
        intentDigest: plan.intentDigest,
        requester,
        stepCount: 2,
        config,
        policy: INTERIM_POLICY_REF,
      },
    });
    expect(s0.changedSteps).toEqual(plan.steps.map((s) => s.stepId));
  });

  it("rejects a clock value that is not a timestamp", () => {
    expect(() => transition(null, startInput(plan), "yesterday", machine)).toThrow(RangeError);
  });
});
