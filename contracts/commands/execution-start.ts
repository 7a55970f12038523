import { grantScopeExceeded } from "../common/grant.ts";
import { z } from "zod";
import { rateLimited } from "../common/errors.ts";
import { ExecutionSummary } from "../common/execution.ts";
import { Digest } from "../common/ids.ts";
import { replyTargetInvalid, replyTargetUnbound } from "../common/errors.ts";
import { actorNotCaller, exactlyOneOfTextOrSteps } from "../common/intent-request.ts";
import { defineOperation } from "../define.ts";
import { Intent } from "../intent.ts";

/** The intent a plan.compile answer returned; `source` is left out because only webhooks may claim one. */
export const CompiledIntent = z
  .strictObject({
    tenantId: Intent.shape.tenantId,
    actor: Intent.shape.actor,
    channel: Intent.shape.channel,
    replyTo: Intent.shape.replyTo,
    text: Intent.shape.text,
    steps: Intent.shape.steps,
    receivedAt: Intent.shape.receivedAt,
  })
  .refine(exactlyOneOfTextOrSteps.check, { message: exactlyOneOfTextOrSteps.message, path: ["text"] });

export const ExecutionStartInput = z.strictObject({
  intent: CompiledIntent.describe("The `intent` of a controlPlane.plan.compile answer, unchanged"),
  expectedDigest: Digest.describe("The `plan.digest` of that answer: the plan the caller reviewed"),
});
export type ExecutionStartInput = z.infer<typeof ExecutionStartInput>;

export const ExecutionStartOutput = ExecutionSummary;
export type ExecutionStartOutput = z.infer<typeof ExecutionStartOutput>;

export const executionStart = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.execution.start",
    version: "1.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "plan"],
    description: "Run exactly the plan a caller previewed with controlPlane.plan.compile.",
    goal:
      "Closes the gap between review and execution: what runs is provably the plan that was looked at, because " +
      "compilation is deterministic and the server recompiles the intent and compares digests.",
    context:
      "The server recompiles the given intent and refuses to start if the digest differs from `expectedDigest` " +
      "(the tool registry or interpreter changed since the preview, or the intent was edited), or if the plan no " +
      "longer verifies. Starting the same intent and digest again returns the existing execution instead of " +
      "running twice. The intent is recorded, so the trace and replay begin from it as for a submitted intent. Its " +
      "actor must be the calling key's principal (ACTOR_NOT_CALLER otherwise); the key is recorded as `submittedBy`.",
  },
  input: ExecutionStartInput,
  output: ExecutionStartOutput,
  errors: [
    grantScopeExceeded,
    rateLimited,
    actorNotCaller,
    replyTargetUnbound,
    replyTargetInvalid,
    {
      code: "INTENT_TENANT_MISMATCH",
      status: 403,
      when: "the intent's tenantId is not the caller's tenant",
    },
    {
      code: "PLAN_DIGEST_MISMATCH",
      status: 409,
      when: "recompiling the intent produced a plan whose digest differs from expectedDigest",
    },
    {
      code: "PLAN_REJECTED",
      status: 422,
      when: "the intent no longer compiles or the plan no longer verifies; the problem's errors list the reasons",
    },
  ],
  capability: "control-plane.core",
  http: { method: "POST", path: "/v1/executions", successStatus: 202 },
  emits: ["controlPlane.intent.received", "controlPlane.plan.compiled", "controlPlane.execution.started"],
});
