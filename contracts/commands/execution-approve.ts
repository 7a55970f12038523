import { z } from "zod";
import { ApprovalDecisionInputBase, ApprovalOutcome, approvalErrors } from "../common/approval.ts";
import { executionArchived, executionNotFound, stepNotFound } from "../common/errors.ts";
import { defineOperation } from "../define.ts";

export const ExecutionApproveInput = z.strictObject({
  ...ApprovalDecisionInputBase,
  comment: z.string().max(1000).optional().describe("Recorded with the approval in the trace"),
});
export type ExecutionApproveInput = z.infer<typeof ExecutionApproveInput>;

export const ExecutionApproveOutput = ApprovalOutcome;
export type ExecutionApproveOutput = z.infer<typeof ExecutionApproveOutput>;

export const executionApprove = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.execution.approve",
    version: "1.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "approval"],
    description: "Approve a step that policy held for approval, as the caller's principal.",
    goal: "Lets approvers decide from the API or CLI with the same rules as approval links and Slack buttons.",
    context:
      "The approval is bound to the step's action digest. Each principal counts once towards the quorum and the " +
      "requester does not count when the rule excludes them; when the quorum is met the step becomes `ready` and " +
      "runs. Approving after the execution was cancelled or the step was decided answers STEP_NOT_AWAITING_APPROVAL.",
  },
  input: ExecutionApproveInput,
  output: ExecutionApproveOutput,
  errors: [executionNotFound, stepNotFound, ...approvalErrors, executionArchived],
  capability: "control-plane.approval",
  http: { method: "POST", path: "/v1/executions/{executionId}/approve" },
  emits: ["controlPlane.execution.step.approved", "controlPlane.execution.step.started"],
});
