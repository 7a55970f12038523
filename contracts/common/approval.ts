import { z } from "zod";
import { StepId } from "../plan.ts";
import { ExecutionId } from "./ids.ts";
import { ExecutionStatus, StepState } from "./status.ts";

export const ApprovalDecisionInputBase = {
  executionId: ExecutionId,
  stepId: StepId.describe("The held step to decide on"),
};

/** What approve and reject answer: the decision as recorded and where it left the step. */
export const ApprovalOutcome = z.strictObject({
  executionId: ExecutionId,
  stepId: StepId,
  decision: z.enum(["approved", "rejected"]),
  approvals: z.number().int().min(0).describe("Distinct approvals recorded for the step"),
  quorum: z.number().int().min(1),
  stepState: StepState,
  executionStatus: ExecutionStatus,
});
export type ApprovalOutcome = z.infer<typeof ApprovalOutcome>;

/** Errors approve and reject share. */
export const approvalErrors = [
  {
    code: "STEP_NOT_AWAITING_APPROVAL",
    status: 409,
    when: "the step is not in state `waiting_approval` (not held, already decided, or the execution ended)",
  },
  {
    code: "NOT_AN_APPROVER",
    status: 403,
    when: "the caller's principal is not among the approvers the step's approval requirement names",
  },
  {
    code: "SELF_APPROVAL_FORBIDDEN",
    status: 403,
    when: "the caller's principal requested the execution and the step's approval rule excludes the requester",
  },
  {
    code: "ALREADY_DECIDED",
    status: 409,
    when: "the caller's principal has already decided on this step",
  },
];
