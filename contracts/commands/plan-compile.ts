import { grantScopeExceeded } from "../common/grant.ts";
import { z } from "zod";
import { actorNotCaller, exactlyOneOfTextOrSteps, intentRequestFields } from "../common/intent-request.ts";
import { RejectionReason } from "../common/rejection.ts";
import { defineOperation } from "../define.ts";
import { Intent } from "../intent.ts";
import { CompiledPlan } from "../plan.ts";

export const PlanCompileInput = z
  .strictObject({
    ...intentRequestFields,
    channel: intentRequestFields.channel.default("api"),
    replyTo: intentRequestFields.replyTo.default({ kind: "none" }),
  })
  .refine(exactlyOneOfTextOrSteps.check, { message: exactlyOneOfTextOrSteps.message, path: ["text"] });
export type PlanCompileInput = z.infer<typeof PlanCompileInput>;

export const PlanCompileOutput = z.discriminatedUnion("status", [
  z.strictObject({
    status: z.literal("compiled"),
    intent: Intent.describe("The intent that was compiled, as the server completed it; pass it to execution.start"),
    plan: CompiledPlan,
  }),
  z.strictObject({
    status: z.literal("rejected"),
    intent: Intent,
    reasons: z.array(RejectionReason).min(1),
  }),
]);
export type PlanCompileOutput = z.infer<typeof PlanCompileOutput>;

export const planCompile = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.plan.compile",
    version: "2.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["plan"],
    description: "Compile command text or draft steps into a typed step DAG without running anything.",
    goal: "Lets a caller see exactly which steps, tools and inputs a request becomes before deciding to run it.",
    context:
      "A preview: nothing is stored, traced or run. The server completes the intent with the caller's tenant and " +
      "the current time, so plan and step ids (which derive from the intent) differ between two previews of the " +
      "same text; the answer's intent and plan digest are what controlPlane.execution.start takes to run exactly " +
      "this plan. Text that does not parse is a `rejected` answer, not an error.",
  },
  input: PlanCompileInput,
  output: PlanCompileOutput,
  errors: [grantScopeExceeded, actorNotCaller],
  capability: "control-plane.core",
  http: { method: "POST", path: "/v1/plans/compile" },
  emits: [],
});
