import { z } from "zod";
import { SLACK_APPROVAL_ACTIONS } from "../../contracts/common/slack-approval-buttons.ts";
import type { ApprovalDecision } from "./sink.ts";

// The buttons are built by the approval notice (workers/approvals); ids and value are declared once, among the contracts.
export { SLACK_APPROVAL_ACTIONS, slackApprovalValue } from "../../contracts/common/slack-approval-buttons.ts";

const StepRef = z.object({ executionId: z.string().min(1).max(200), stepId: z.string().min(1).max(200) });
export type StepRef = z.infer<typeof StepRef>;

export function readSlackApproval(actionId: string, value: string | undefined): (StepRef & { decision: ApprovalDecision }) | undefined {
  const decision = (Object.keys(SLACK_APPROVAL_ACTIONS) as ApprovalDecision[]).find((d) => SLACK_APPROVAL_ACTIONS[d] === actionId);
  if (decision === undefined || value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const ref = StepRef.safeParse(json);
  return ref.success ? { ...ref.data, decision } : undefined;
}
