import { describe, expect, it } from "vitest";
import { isMintedStepContext, mintStepContext, StepContextError, type MintStepContextArgs } from "../../runtime/tools/step-context.ts";
import { autonomous, mintArgs, needsApproval, planWith } from "./support/plan.ts";

function refusal(args: MintStepContextArgs): string {
  try {
    mintStepContext(args);
  } catch (error) {
    if (error instanceof StepContextError) return error.code;
    throw error;
  }
  return "minted";
}

const lowPlan = planWith({ tool: "channel.reply", input: { text: "hi" } });
const highPlan = planWith({ tool: "github.issue.close", input: { owner: "o", repo: "r", number: 1 } });

describe("mintStepContext", () => {
  it("mints a deeply frozen context that the caller's objects can no longer change", () => {
    const input = { text: "hi", nested: { a: 1 } };
    const ctx = mintStepContext(mintArgs(lowPlan, { resolvedInput: input }));
    input.nested.a = 2;
    expect(isMintedStepContext(ctx)).toBe(true);
    expect(ctx.input).toEqual({ text: "hi", nested: { a: 1 } });
    expect(ctx.idempotencyKey).toBe(lowPlan.steps[0]?.idempotencyKey);
    expect(ctx.step.tool).toEqual({ key: "channel.reply", version: "1.0.0" });
    for (const part of [ctx, ctx.input, ctx.input["nested"], ctx.step, ctx.step.tool, ctx.replyTo, ctx.verdict]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(() => Object.assign(ctx, { tenantId: "other" })).toThrow(TypeError);
  });

  it("refuses a plan that did not pass verification", () => {
    expect(refusal({ ...mintArgs(lowPlan), planVerified: false as unknown as true })).toBe("PLAN_NOT_VERIFIED");
  });

  it("refuses a step that is not in the plan", () => {
    expect(refusal(mintArgs(lowPlan, { stepId: `st_${"f".repeat(24)}` }))).toBe("STEP_NOT_IN_PLAN");
  });

  it("refuses a blocked verdict and the blocked tier", () => {
    expect(refusal(mintArgs(lowPlan, { verdict: { ...autonomous(), verdict: "blocked" } }))).toBe("VERDICT_BLOCKED");
    expect(refusal(mintArgs(lowPlan, { verdict: autonomous("blocked") }))).toBe("VERDICT_BLOCKED");
    expect(refusal(mintArgs(lowPlan, { verdict: { ...autonomous(), verdict: "maybe" as "blocked" } }))).toBe("VERDICT_BLOCKED");
  });

  it("never lets a high-risk step run autonomously, even when the verdict claims a lower tier", () => {
    expect(refusal(mintArgs(lowPlan, { verdict: autonomous("high") }))).toBe("HIGH_RISK_AUTONOMOUS");
    expect(refusal(mintArgs(highPlan, { verdict: autonomous("low") }))).toBe("HIGH_RISK_AUTONOMOUS");
  });

  it("requires the approval quorum, counting each approver once", () => {
    const base = mintArgs(highPlan, { verdict: needsApproval() });
    const { approvals: _, ...withoutApprovals } = base;
    expect(refusal(withoutApprovals)).toBe("APPROVALS_MISSING");
    expect(refusal({ ...base, approvals: { quorum: 2, approvers: ["a", "a"] } })).toBe("APPROVALS_MISSING");
    expect(refusal({ ...base, approvals: { quorum: 0, approvers: [] } })).toBe("APPROVALS_MISSING");
    expect(refusal({ ...base, approvals: { quorum: 2, approvers: ["a", "b"] } })).toBe("minted");
  });

  it("mints approved high-risk steps and autonomous low and medium ones", () => {
    expect(refusal(mintArgs(highPlan))).toBe("minted");
    expect(refusal(mintArgs(lowPlan, { verdict: autonomous("medium") }))).toBe("minted");
  });

  it("refuses attempts that are not positive integers, and input that is not plain data", () => {
    expect(refusal(mintArgs(lowPlan, { attempt: 0 }))).toBe("INVALID_ATTEMPT");
    expect(refusal(mintArgs(lowPlan, { attempt: 1.5 }))).toBe("INVALID_ATTEMPT");
    expect(refusal(mintArgs(lowPlan, { resolvedInput: { text: "hi", f: () => 1 } }))).toBe("INVALID_INPUT");
  });
});
