import { z } from "zod";
import { SLACK_APPROVAL_ACTIONS } from "../../contracts/common/slack-approval-buttons.ts";
import type { ApprovalDecision } from "./sink.ts";
import { readSlackButton } from "./slack-button.ts";

// The buttons are built by the approval notice (workers/approvals); ids and value are declared once, among the contracts.
export { SLACK_APPROVAL_ACTIONS, slackApprovalValue } from "../../contracts/common/slack-approval-buttons.ts";

const StepRef = z.object({ executionId: z.string().min(1).max(200), stepId: z.string().min(1).max(200) });
export type StepRef = z.infer<typeof StepRef>;

export function readSlackApproval(actionId: string, value: string | undefined): (StepRef & { decision: ApprovalDecision }) | undefined {
  return readSlackButton<ApprovalDecision, typeof StepRef>(SLACK_APPROVAL_ACTIONS, StepRef, actionId, value);
}
