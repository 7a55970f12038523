import { z } from "zod";
import { ApprovalDecisionInputBase, ApprovalOutcome, approvalErrors } from "../common/approval.ts";
import { executionArchived, executionNotFound, stepNotFound } from "../common/errors.ts";
import { defineOperation } from "../define.ts";

export const ExecutionRejectInput = z.strictObject({
  ...ApprovalDecisionInputBase,
  reason: z.string().min(1).max(1000).describe("Why the step must not run; shown to the requester"),
});
export type ExecutionRejectInput = z.infer<typeof ExecutionRejectInput>;

export const ExecutionRejectOutput = ApprovalOutcome;
export type ExecutionRejectOutput = z.infer<typeof ExecutionRejectOutput>;

export const executionReject = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.execution.reject",
    version: "1.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "approval"],
    description: "Reject a step that policy held for approval, as the caller's principal.",
    goal: "Lets any one named approver stop a risky step, with a reason that is recorded and shown.",
    context:
      "One rejection decides regardless of the quorum: the step ends `failed` (APPROVAL_REJECTED), steps that depend " +
      "on it are skipped, and the execution fails once nothing else can run. The same approver rules as approval apply.",
  },
  input: ExecutionRejectInput,
  output: ExecutionRejectOutput,
  errors: [executionNotFound, stepNotFound, ...approvalErrors, executionArchived],
  capability: "control-plane.approval",
  http: { method: "POST", path: "/v1/executions/{executionId}/reject" },
  emits: ["controlPlane.execution.step.rejected", "controlPlane.execution.failed"],
});
