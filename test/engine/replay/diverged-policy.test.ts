import { describe, expect, it } from "vitest";
import { decide } from "../../../engine/policy/interim.ts";
import type { PolicyDecider } from "../../../engine/policy/types.ts";
import { replay } from "../../../engine/replay/replay.ts";
import { TEST_POLICY_HASH, idOf } from "../executor/helpers.ts";
import { plan, record, script } from "./recorded.ts";

/** Same policy identity, different rules: what a silently edited policy would look like. */
const blockEverything: PolicyDecider = (step, ctx) => ({ ...decide(step, ctx), verdict: "blocked", reason: "edited" });

describe("replay under a different policy", () => {
  it("diverges at the first verdict that differs, and shows it in the state", () => {
    const recorded = record(script, decide);
    const result = replay(recorded, { decide: blockEverything });
    expect(result.status).toBe("diverged");
    if (result.status !== "diverged") return;
    expect(result.diff[0]).toMatchObject({
      scope: "event",
      index: 1,
      field: "stepId",
      expected: idOf(plan, "close"),
      actual: idOf(plan, "fetch"),
    });
    expect(result.diff).toContainEqual({
      scope: "state",
      index: null,
      field: "$.steps[0].verdict.verdict",
      expected: "autonomous",
      actual: "blocked",
    });
  });

  it("diverges when the decider answers for another policy than the one the execution pinned", () => {
    const recorded = record(script, decide);
    const other: PolicyDecider = (step, ctx) => ({ ...decide(step, ctx), policyVersion: "interim-2", policyHash: TEST_POLICY_HASH });
    const result = replay(recorded, { decide: other });
    expect(result.status).toBe("diverged");
    if (result.status === "diverged") expect(result.diff).toContainEqual(expect.objectContaining({ field: "$.steps[0].reason" }));
  });

  it("stops listing differences at maxDiffs and says so", () => {
    const recorded = record(script, decide);
    const result = replay(recorded, { decide: blockEverything, maxDiffs: 2 });
    expect(result).toMatchObject({ status: "diverged", truncated: true });
    if (result.status === "diverged") expect(result.diff).toHaveLength(2);
  });
});
