import { z } from "zod";
import { Digest } from "../common/ids.ts";
import { RejectionReason } from "../common/rejection.ts";
import { defineOperation } from "../define.ts";
import { CompiledPlan, CompiledStep, PlanId, StepId } from "../plan.ts";
import { PolicyDecision } from "../policy/decision.ts";
import { CompiledIntent } from "./execution-start.ts";

export const PlanVerifyInput = z.strictObject({
  plan: CompiledPlan.describe("A plan as returned by controlPlane.plan.compile"),
  intent: CompiledIntent.optional().describe(
    "The `intent` of the same controlPlane.plan.compile answer. With it the server also recompiles the intent and " +
      "requires exactly this plan (INTENT_MISMATCH, RECOMPILE_MISMATCH); without it only the plan's own digest, ids, " +
      "graph and tools are checked",
  ),
});
export type PlanVerifyInput = z.infer<typeof PlanVerifyInput>;

export const VerifiedStep = z.strictObject({
  stepId: StepId,
  key: CompiledStep.shape.key,
  tool: CompiledStep.shape.tool,
  policy: PolicyDecision.describe("What policy would decide for this step if it ran now"),
});
export type VerifiedStep = z.infer<typeof VerifiedStep>;

export const PlanVerifyOutput = z.discriminatedUnion("status", [
  z.strictObject({
    status: z.literal("verified"),
    planId: PlanId,
    digest: Digest,
    steps: z.array(VerifiedStep),
  }),
  z.strictObject({
    status: z.literal("rejected"),
    planId: PlanId,
    reasons: z.array(RejectionReason).min(1),
  }),
]);
export type PlanVerifyOutput = z.infer<typeof PlanVerifyOutput>;

export const planVerify = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.plan.verify",
    version: "1.2.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["plan", "policy"],
    description: "Check a compiled plan and preview the policy verdict of each step.",
    goal:
      "Answers, before anything runs, whether a plan is sound (digest intact, tools known, references well typed, " +
      "no cycles) and which steps would run alone, need approval or be blocked.",
    context:
      "Stateless: nothing is stored, traced or run. A plan whose digest does not match its content is rejected " +
      "with DIGEST_MISMATCH, so an edited plan cannot pass as the one compiled; given the intent too, the server " +
      "recompiles it, so a plan re-digested after an edit is rejected as well. Policy verdicts are a preview: " +
      "policy is evaluated again, on resolved inputs, when each step becomes ready.",
  },
  input: PlanVerifyInput,
  output: PlanVerifyOutput,
  errors: [{ code: "INTENT_TENANT_MISMATCH", status: 403, when: "an intent is given and its tenantId is not the caller's tenant" }],
  capability: "control-plane.core",
  http: { method: "POST", path: "/v1/plans/verify" },
  emits: [],
});
