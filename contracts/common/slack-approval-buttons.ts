/**
 * The approval buttons of Slack messages, an interface with Slack: the action ids and the button `value`
 * that `block_actions` deliveries carry back. Declared among the contracts, with no dependency, so the
 * approval notice (runtime/notices/notice-message.ts) builds the buttons the channel layer
 * (workers/channels/slack-approval.ts) reads, and neither imports the other.
 */
export const SLACK_APPROVAL_ACTIONS = {
  approve: "cp.approval.approve",
  reject: "cp.approval.reject",
} as const satisfies Record<"approve" | "reject", string>;

/** The `value` of an approval button (Slack allows 2000 characters): which step, nothing about who. */
export function slackApprovalValue(ref: { executionId: string; stepId: string }): string {
  return JSON.stringify({ executionId: ref.executionId, stepId: ref.stepId });
}
