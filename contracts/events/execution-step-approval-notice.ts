import { z } from "zod";
import { Digest, Timestamp } from "../common/ids.ts";
import { stepEventFields } from "../common/steps.ts";
import { defineEvent } from "../define.ts";

const noticeFields = {
  ...stepEventFields,
  noticeId: z.string().min(1).max(300).describe("`<stepId>:approval-request:<level>`: one notice per step and gate level"),
  level: z.number().int().min(0).describe("0 for the first request, n after the n-th escalation"),
  attempt: z.number().int().min(1).describe("1 for the first send, then 2, … (bounded)"),
};

const meta = {
  version: "1.0.0",
  stability: "stable" as const,
  owners: ["control-plane"],
  tags: ["execution", "step", "approval", "trace", "channels"],
};

const context =
  "Recorded by the step's ExecutionDO, outside the executor's machine: a notice is no machine input, changes no " +
  "step state, and replay does not compare it. The notice is built only from the verified plan step, the pinned " +
  "policy's approval requirement and the gate. A notice in the intent's thread names no approver and carries no signed " +
  "link; a direct message (Slack, to an approver whose principal has a Slack identity) carries that approver's own link.";

export const StepApprovalNoticeSendingPayload = z.strictObject({
  ...noticeFields,
  channel: z
    .enum(["slack", "github", "whatsapp_meta", "whatsapp_twilio", "slack_dm"])
    .describe("Where the intent came from, and so where the notice goes; `slack_dm`: a direct message to one approver"),
  recipient: z.string().min(1).max(200).optional().describe("For a direct message: the principal it is sent to"),
  groups: z.array(z.string().min(1).max(200)).min(1).describe("Groups asked so far"),
  actionDigest: Digest.describe("The exact step (plan, step, tool and arguments) the notice asks about"),
  format: z.enum(["slack_blocks", "text"]).describe("`slack_blocks`: with Approve / Reject buttons; `text` elsewhere"),
  messageDigest: Digest.describe("Digest of the message exactly as sent (text and blocks)"),
  text: z
    .string()
    .max(20_000)
    .describe("The message text (for Slack, the notification text beside the blocks); in a direct message the approver's link is replaced by a placeholder: tokens never enter the trace"),
});
export type StepApprovalNoticeSendingPayload = z.infer<typeof StepApprovalNoticeSendingPayload>;

export const executionStepApprovalNoticeSending = defineEvent({
  kind: "event",
  meta: {
    ...meta,
    key: "controlPlane.execution.step.approval_notice_sending",
    description: "An approval request is about to be posted to the channel the intent came from.",
    goal: "Records what was shown to people, and where, before anything leaves the runtime.",
    context,
  },
  payload: StepApprovalNoticeSendingPayload,
});

export const StepApprovalNoticeSentPayload = z.strictObject({
  ...noticeFields,
  messageId: z.string().max(200).nullable().describe("The provider's id of the message; null when it answers none (Slack response_url)"),
});
export type StepApprovalNoticeSentPayload = z.infer<typeof StepApprovalNoticeSentPayload>;

export const executionStepApprovalNoticeSent = defineEvent({
  kind: "event",
  meta: {
    ...meta,
    key: "controlPlane.execution.step.approval_notice_sent",
    description: "The provider accepted an approval request notice.",
    goal: "Once recorded, the same notice is never posted again.",
    context,
  },
  payload: StepApprovalNoticeSentPayload,
});

export const StepApprovalNoticeFailedPayload = z.strictObject({
  ...noticeFields,
  code: z.string().min(1).max(200).describe("Generic (`UPSTREAM_UNAVAILABLE`, `NOT_CONFIGURED`, …) or the provider's own code"),
  message: z.string().max(2000),
  retryable: z.boolean(),
  nextAttemptAt: Timestamp.nullable().describe("When the notice is tried again; null when it is given up"),
});
export type StepApprovalNoticeFailedPayload = z.infer<typeof StepApprovalNoticeFailedPayload>;

export const executionStepApprovalNoticeFailed = defineEvent({
  kind: "event",
  meta: {
    ...meta,
    key: "controlPlane.execution.step.approval_notice_failed",
    description: "An approval request notice could not be posted.",
    goal: "A failed notice is visible, retried a bounded number of times, and never blocks or fails the step.",
    context: `${context} The step keeps waiting for approval; approvers still find it with GET /v1/approvals.`,
  },
  payload: StepApprovalNoticeFailedPayload,
});
