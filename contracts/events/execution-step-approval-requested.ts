import { z } from "zod";
import { Digest } from "../common/ids.ts";
import { stepEventFields } from "../common/steps.ts";
import { defineEvent } from "../define.ts";
import { CompiledStep } from "../plan.ts";
import { PolicyDecision } from "../policy/decision.ts";

export const StepApprovalRequestedPayload = z.strictObject({
  ...stepEventFields,
  tool: CompiledStep.shape.tool,
  verdict: PolicyDecision.describe("The `approval_required` decision, with its approval rule"),
  inputDigest: Digest.describe("Digest of the resolved input approvers are shown"),
  actionDigest: Digest.describe("Digest of plan, step, tool and resolved input; approval tokens are bound to it"),
});
export type StepApprovalRequestedPayload = z.infer<typeof StepApprovalRequestedPayload>;

export const executionStepApprovalRequested = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.step.approval_requested",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "step", "approval", "trace"],
    description: "Policy held a step until enough approvers agree.",
    goal: "Records what was put in front of approvers, to whom, and until when.",
    context:
      "The step is `waiting_approval`. Approval links, Slack buttons and the CLI all decide against the action " +
      "digest recorded here, so an approval can never be applied to a different tool call.",
  },
  payload: StepApprovalRequestedPayload,
});
