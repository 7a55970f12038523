import { z } from "zod";
import { Actor, ChannelKind, ReplyTarget } from "../intent.ts";
import { PlanId } from "../plan.ts";
import { Digest, ExecutionId, IntentId, Timestamp, TraceId } from "./ids.ts";
import { RejectionReason } from "./rejection.ts";
import { ExecutionStatus } from "./status.ts";
import { StepView } from "./steps.ts";

/** What lists show of an execution: its identity, plan and status. */
export const ExecutionSummary = z.strictObject({
  executionId: ExecutionId,
  intentId: IntentId,
  traceId: TraceId,
  planId: PlanId.nullable().describe("`null` until the plan compiled, and for rejected plans that never did"),
  planDigest: Digest.nullable(),
  status: ExecutionStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  completedAt: Timestamp.nullable().describe("When the execution reached a terminal status"),
});
export type ExecutionSummary = z.infer<typeof ExecutionSummary>;

const [slackTarget, ...otherTargets] = ReplyTarget.options;

/**
 * A reply target as readers see it. A Slack slash command's `response_url` is a bearer credential (anyone
 * holding it can post into the channel): the runtime keeps it to answer the command, and no view shows it.
 */
export const ReplyTargetView = z.discriminatedUnion("kind", [slackTarget.omit({ responseUrl: true }).strict(), ...otherTargets]);
export type ReplyTargetView = z.infer<typeof ReplyTargetView>;

/** One execution in full: who asked, from where, and every step. */
export const ExecutionDetail = z.strictObject({
  ...ExecutionSummary.shape,
  channel: ChannelKind,
  actor: Actor.describe("Who submitted the intent: the requester, who never approves their own steps"),
  replyTo: ReplyTargetView.describe("Where replies go, without provider credentials (a Slack `response_url` is never shown)"),
  steps: z.array(StepView).describe("Steps in plan order; empty when the plan was rejected"),
  cancelledBy: Actor.nullable(),
  rejectionReasons: z
    .array(RejectionReason)
    .describe("Why the plan was rejected; empty unless the status is `rejected`"),
});
export type ExecutionDetail = z.infer<typeof ExecutionDetail>;
