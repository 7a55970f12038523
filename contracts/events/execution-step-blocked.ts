import { z } from "zod";
import { stepEndFields } from "../common/steps.ts";
import { defineEvent } from "../define.ts";
import { CompiledStep } from "../plan.ts";
import { PolicyDecision } from "../policy/decision.ts";

export const StepBlockedPayload = z.strictObject({
  ...stepEndFields,
  tool: CompiledStep.shape.tool,
  verdict: PolicyDecision.nullable().describe("The blocking decision; `null` when policy failed to answer"),
});
export type StepBlockedPayload = z.infer<typeof StepBlockedPayload>;

export const executionStepBlocked = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.step.blocked",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "step", "policy", "trace"],
    description: "Policy refused a step; it will not run.",
    goal: "Shows that a forbidden action was stopped, by which rule, and why.",
    context:
      "No approval can unblock a blocked step. The step ends `failed` (POLICY_BLOCKED; POLICY_ERROR when policy " +
      "failed to answer, POLICY_REFUSED when a verdict would have let a step run that must not run unattended), " +
      "the steps depending on it are skipped in the same event, and the execution fails once nothing else can run.",
  },
  payload: StepBlockedPayload,
});
