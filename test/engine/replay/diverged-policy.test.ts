import { describe, expect, it } from "vitest";
import { decide } from "../../../engine/policy/interim.ts";
import type { PolicyDecider } from "../../../engine/policy/types.ts";
import { replay } from "../../../engine/replay/replay.ts";
import { TEST_POLICY_HASH } from "../executor/helpers.ts";
import { record, script } from "./recorded.ts";

describe("replay under a different policy", () => {
  it("diverges where the verdicts were recorded", () => {
    const recorded = record(script, decide);
    const renamed: PolicyDecider = (step, ctx) => ({ ...decide(step, ctx), policyVersion: "interim-2", policyHash: TEST_POLICY_HASH });
    const result = replay(recorded, { decide: renamed });
    expect(result.status).toBe("diverged");
    if (result.status !== "diverged") return;
    expect(result.diff.find((d) => d.scope === "event")).toMatchObject({ field: "payloadDigest" });
    expect(result.diff).toContainEqual({
      scope: "state",
      index: null,
      field: "$.steps[2].verdict.policyHash",
      expected: recorded.state.steps[2]?.verdict?.policyHash,
      actual: TEST_POLICY_HASH,
    });
  });

  it("stops listing differences at maxDiffs and says so", () => {
    const recorded = record(script, decide);
    const renamed: PolicyDecider = (step, ctx) => ({ ...decide(step, ctx), policyHash: TEST_POLICY_HASH });
    const result = replay(recorded, { decide: renamed, maxDiffs: 2 });
    expect(result).toMatchObject({ status: "diverged", truncated: true });
    if (result.status === "diverged") expect(result.diff).toHaveLength(2);
  });
});
