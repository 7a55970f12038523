import { describe, expect, it } from "vitest";
import type { PolicyDecider } from "../../../engine/policy/types.ts";
import { INTERIM_POLICY_REF } from "../../../engine/policy/interim.ts";
import { TEST_POLICY_HASH, TEST_POLICY_REF, buildPlan, governed, idOf, invokes, start, stepByKey } from "./helpers.ts";

const plan = buildPlan([{ key: "send", risk: "high", tool: "whatsapp.message.send" }, { key: "after", after: ["send"] }]);

describe("defence in depth against a policy that clears too much", () => {
  it("refuses to invoke a high-risk step whose verdict is autonomous", () => {
    const reckless: PolicyDecider = (step) => ({
      verdict: "autonomous",
      tier: step.risk,
      reason: "yolo",
      policyVersion: "bad-1",
      policyHash: TEST_POLICY_HASH,
    });
    const s0 = start(plan, { decide: reckless, ref: { version: "bad-1", hash: TEST_POLICY_HASH } });
    expect(invokes(s0.effects)).toEqual([]);
    expect(stepByKey(s0.state, "send")).toMatchObject({
      state: "failed",
      attempts: 0,
      verdict: { verdict: "autonomous", tier: "high" },
      reason: { code: "POLICY_REFUSED" },
    });
    expect(s0.events).toContainEqual(
      expect.objectContaining({ type: "controlPlane.execution.step.blocked", stepId: idOf(plan, "send") }),
    );
    expect(stepByKey(s0.state, "after").state).toBe("skipped");
    expect(s0.state.status).toBe("failed");
  });

  it("refuses a verdict that lowers a high-risk tool's tier to low", () => {
    const lowering: PolicyDecider = () => ({
      verdict: "autonomous",
      tier: "low",
      reason: "trust me",
      policyVersion: "bad-2",
      policyHash: TEST_POLICY_HASH,
    });
    expect(invokes(start(plan, { decide: lowering, ref: { version: "bad-2", hash: TEST_POLICY_HASH } }).effects)).toEqual([]);
  });

  it("blocks the step when the policy throws or answers something that is not a verdict", () => {
    const throwing: PolicyDecider = () => {
      throw new Error("rules unavailable");
    };
    const s0 = start(plan, { decide: throwing, ref: TEST_POLICY_REF });
    expect(stepByKey(s0.state, "send").reason).toMatchObject({ code: "POLICY_ERROR", message: "policy failed: rules unavailable" });

    const garbage = (() => ({ verdict: "autonomous" })) as unknown as PolicyDecider;
    expect(stepByKey(start(plan, { decide: garbage, ref: TEST_POLICY_REF }).state, "send").reason?.code).toBe("POLICY_ERROR");
  });

  it("blocks the step when the verdict comes from another policy than the one pinned at start", () => {
    const s0 = start(plan, { decide: governed, ref: INTERIM_POLICY_REF });
    expect(invokes(s0.effects)).toEqual([]);
    expect(stepByKey(s0.state, "send")).toMatchObject({ state: "failed", verdict: null, reason: { code: "POLICY_ERROR" } });
    expect(stepByKey(s0.state, "send").reason?.message).toMatch(/not the pinned interim-1/);
  });
});
