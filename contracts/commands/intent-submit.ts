import { grantScopeExceeded } from "../common/grant.ts";
import { z } from "zod";
import { idempotencyKeyReused, rateLimited, replyTargetInvalid, replyTargetUnbound } from "../common/errors.ts";
import { Digest, ExecutionId, IntentId, TraceId } from "../common/ids.ts";
import { actorNotCaller, exactlyOneOfTextOrSteps, IdempotencyKey, intentRequestFields } from "../common/intent-request.ts";
import { RejectionReason } from "../common/rejection.ts";
import { ExecutionStatus } from "../common/status.ts";
import { defineOperation } from "../define.ts";
import { PlanId } from "../plan.ts";

export const IntentSubmitInput = z
  .strictObject({
    ...intentRequestFields,
    idempotencyKey: IdempotencyKey.optional(),
  })
  .refine(exactlyOneOfTextOrSteps.check, { message: exactlyOneOfTextOrSteps.message, path: ["text"] });
export type IntentSubmitInput = z.infer<typeof IntentSubmitInput>;

export const IntentSubmitOutput = z.strictObject({
  intentId: IntentId,
  executionId: ExecutionId,
  traceId: TraceId,
  status: ExecutionStatus.describe("Status when the answer was sent; poll controlPlane.execution.get for progress"),
  planId: PlanId.nullable().describe("Set when the plan compiled before the answer was sent"),
  planDigest: Digest.nullable(),
  rejectionReasons: z.array(RejectionReason).describe("Why the plan was rejected, when status is `rejected`"),
});
export type IntentSubmitOutput = z.infer<typeof IntentSubmitOutput>;

export const intentSubmit = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.intent.submit",
    version: "1.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["intent", "execution"],
    description: "Submit a request as command text or ready-made steps, and start governed execution of it.",
    goal:
      "Gives API and CLI callers the same path as a chat message: the request becomes an Intent, is compiled to a " +
      "plan and runs under policy, with every step traced.",
    context:
      "The intent is recorded before the answer is sent, then interpreted, compiled and verified; a plan that does " +
      "not compile or verify ends as an execution with status `rejected` and its reasons, never as a guess. Steps " +
      "run asynchronously: the answer reports the status at that moment, and steps that need approval wait for it. " +
      "With an idempotency key, a retried request returns the first answer instead of running twice. The intent's " +
      "actor is the calling key's principal and the intent records the key (`submittedBy`); a body naming another " +
      "actor is refused. Idempotency keys are scoped to the calling key's principal: the same key sent by another " +
      "principal is a new request. `replyTo` may name only what the tenant has bound and confirmed (its Slack team, " +
      "GitHub repository or installation, WhatsApp number); replies and approval notices of the execution go there.",
  },
  input: IntentSubmitInput,
  output: IntentSubmitOutput,
  errors: [idempotencyKeyReused, grantScopeExceeded, rateLimited, actorNotCaller, replyTargetUnbound, replyTargetInvalid],
  capability: "control-plane.core",
  http: { method: "POST", path: "/v1/intents", successStatus: 202 },
  emits: [
    "controlPlane.intent.received",
    "controlPlane.plan.compiled",
    "controlPlane.plan.rejected",
    "controlPlane.execution.started",
  ],
});
