import { z } from "zod";
import { ExecutionId } from "../common/ids.ts";
import { StepId } from "../plan.ts";
import { defineOperation } from "../define.ts";

export const ApprovalDecideBulkInput = z.strictObject({
  decision: z.enum(["approve", "reject"]),
  items: z.array(z.strictObject({ executionId: ExecutionId, stepId: StepId })).min(1).max(100),
  comment: z.string().max(1000).optional(),
});
export type ApprovalDecideBulkInput = z.infer<typeof ApprovalDecideBulkInput>;

export const ApprovalDecideBulkOutput = z.strictObject({
  results: z.array(
    z.strictObject({
      executionId: ExecutionId,
      stepId: StepId,
      ok: z.boolean(),
      code: z.string().nullable().describe("Why this item was refused (the error code the single decision would give)"),
      stepState: z.string().nullable(),
    }),
  ),
});
export type ApprovalDecideBulkOutput = z.infer<typeof ApprovalDecideBulkOutput>;

export const approvalDecideBulk = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.approval.decideBulk",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["approval", "governance"],
    description: "Approve or reject many held steps at once; each decision is still made and recorded per step.",
    goal: "Lets an operator clear a queue of requests without weakening any per-step rule.",
    context:
      "Every item goes through the same checks as controlPlane.execution.approve/reject (approver group, requester " +
      "exclusion, one vote per principal) and is traced on its own step; one item's refusal does not stop the rest.",
  },
  input: ApprovalDecideBulkInput,
  output: ApprovalDecideBulkOutput,
  errors: [],
  capability: "control-plane.approval",
  http: { method: "POST", path: "/v1/approvals/decisions" },
  emits: ["controlPlane.execution.step.approved", "controlPlane.execution.step.rejected", "controlPlane.execution.step.vote_recorded"],
});
