import { describe, expect, it } from "vitest";
import { digestOf } from "../../../engine/hash.ts";
import { INTERIM_POLICY, INTERIM_POLICY_HASH, decide } from "../../../engine/policy/interim.ts";
import { PolicyVerdict } from "../../../engine/policy/types.ts";
import { buildPlan, requester } from "../executor/helpers.ts";

const plan = buildPlan([
  { key: "reply", risk: "low", tool: "channel.reply" },
  { key: "label", risk: "medium", tool: "github.issue.label" },
  { key: "close", risk: "high", tool: "github.issue.close" },
]);
const verdictOf = (i: number) => {
  const step = plan.steps[i];
  if (step === undefined) throw new Error("unreachable");
  return decide(step, { planId: plan.planId, requester, input: step.input });
};

describe("the interim policy", () => {
  it("lets low risk run autonomously", () => {
    expect(verdictOf(0)).toMatchObject({ verdict: "autonomous", tier: "low" });
  });

  it("blocks medium and high risk, saying governance is not yet enabled", () => {
    for (const [i, tier] of [[1, "medium"], [2, "high"]] as const) {
      const v = verdictOf(i);
      expect(v).toMatchObject({ verdict: "blocked", tier });
      expect(v.reason).toMatch(/governance is not yet enabled/);
      expect(v.approval).toBeUndefined();
    }
  });

  it("identifies itself by version and by the hash of its document", () => {
    expect(INTERIM_POLICY_HASH).toBe(digestOf(INTERIM_POLICY));
    for (const i of [0, 1, 2]) {
      const v = verdictOf(i);
      expect(PolicyVerdict.parse(v)).toEqual(v);
      expect(v).toMatchObject({ policyVersion: INTERIM_POLICY.version, policyHash: INTERIM_POLICY_HASH });
    }
  });
});
