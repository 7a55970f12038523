import { z } from "zod";
import { Digest, Timestamp } from "../common/ids.ts";
import { defineEvent } from "../define.ts";

const noticeFields = {
  noticeId: z.string().min(1).max(300).describe("`plan-confirmation:<planDigest>` for the prompt; `plan-confirmation-answer:<n>` for an answer"),
  attempt: z.number().int().min(1).describe("1 for the first send, then 2, … (bounded)"),
};

const meta = {
  version: "1.0.0",
  stability: "experimental" as const,
  owners: ["control-plane"],
  tags: ["plan", "trace", "planner", "channels"],
};

const context =
  "Recorded by the ExecutionDO, outside the executor's machine: a notice is no machine input and replay does not " +
  "compare it. The prompt is built only from the compiled, verified plan and the pinned policy's decision for each " +
  "step, and goes only where the requester verifiably asked (the signed delivery's channel, or a bound reply target).";

export const PlanConfirmationNoticeSendingPayload = z.strictObject({
  ...noticeFields,
  kind: z.enum(["prompt", "answer"]).describe("`prompt`: the plan with Confirm / Cancel; `answer`: a reply to a confirmation from the channel"),
  channel: z.enum(["slack", "github", "whatsapp_meta", "whatsapp_twilio"]),
  planDigest: Digest,
  format: z.enum(["slack_blocks", "whatsapp_buttons", "text"]),
  messageDigest: Digest.describe("Digest of the message exactly as sent (text, blocks, buttons)"),
  text: z.string().max(20_000),
});
export type PlanConfirmationNoticeSendingPayload = z.infer<typeof PlanConfirmationNoticeSendingPayload>;

export const planConfirmationNoticeSending = defineEvent({
  kind: "event",
  meta: {
    ...meta,
    key: "controlPlane.plan.confirmation_notice_sending",
    description: "A model-drafted plan's confirmation prompt, or an answer to a confirmation, is about to be posted where the requester asked.",
    goal: "Records exactly what the requester was shown, before anything leaves the runtime.",
    context,
  },
  payload: PlanConfirmationNoticeSendingPayload,
});

export const PlanConfirmationNoticeSentPayload = z.strictObject({
  ...noticeFields,
  messageId: z.string().max(200).nullable().describe("The provider's id of the message; null when it answers none"),
});
export type PlanConfirmationNoticeSentPayload = z.infer<typeof PlanConfirmationNoticeSentPayload>;

export const planConfirmationNoticeSent = defineEvent({
  kind: "event",
  meta: {
    ...meta,
    key: "controlPlane.plan.confirmation_notice_sent",
    description: "The provider accepted a confirmation prompt or answer.",
    goal: "Once recorded, the same notice is never posted again.",
    context,
  },
  payload: PlanConfirmationNoticeSentPayload,
});

export const PlanConfirmationNoticeFailedPayload = z.strictObject({
  ...noticeFields,
  code: z.string().min(1).max(200),
  message: z.string().max(2000),
  retryable: z.boolean(),
  nextAttemptAt: Timestamp.nullable().describe("When the notice is tried again; null when it is given up"),
});
export type PlanConfirmationNoticeFailedPayload = z.infer<typeof PlanConfirmationNoticeFailedPayload>;

export const planConfirmationNoticeFailed = defineEvent({
  kind: "event",
  meta: {
    ...meta,
    key: "controlPlane.plan.confirmation_notice_failed",
    description: "A confirmation prompt or answer could not be posted.",
    goal: "A failed notice is visible and retried a bounded number of times; the plan keeps waiting (the API and CLI still confirm it).",
    context,
  },
  payload: PlanConfirmationNoticeFailedPayload,
});
