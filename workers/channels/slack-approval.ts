import { z } from "zod";
import type { ApprovalDecision } from "./sink.ts";

/** Button action ids the approval messages use; anything else in a block_actions payload is not ours. */
export const SLACK_APPROVAL_ACTIONS: Record<ApprovalDecision, string> = {
  approve: "cp.approval.approve",
  reject: "cp.approval.reject",
};

const StepRef = z.object({ executionId: z.string().min(1).max(200), stepId: z.string().min(1).max(200) });
export type StepRef = z.infer<typeof StepRef>;

/** The `value` of an approval button (Slack allows 2000 characters). */
export function slackApprovalValue(ref: StepRef): string {
  return JSON.stringify({ executionId: ref.executionId, stepId: ref.stepId });
}

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
