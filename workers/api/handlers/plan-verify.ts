import { planVerify } from "../../../contracts/commands/plan-verify.ts";
import { CompiledPlan } from "../../../contracts/plan.ts";
import { decide } from "../../../engine/policy/interim.ts";
import { verifyPlan, verifyPlanShape } from "../../../engine/verify.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { tenantToolRegistry } from "../../skills/tenant-tool-registry.ts";

/**
 * Re-checks a plan the caller holds and previews policy for each step. Given the intent too, it
 * recompiles it: the only check an edited plan with a recomputed digest cannot pass.
 */
export const planVerifyHandler = implement(planVerify, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const { plan, intent } = input;
  if (intent !== undefined && intent.tenantId !== caller.tenantId) {
    throw new ProblemError(403, "INTENT_TENANT_MISMATCH", "The intent belongs to another tenant.", [{ path: "intent.tenantId", message: "not the caller's tenant" }]);
  }
  const registry = await tenantToolRegistry(ctx.db, caller.tenantId);
  const verified = intent === undefined ? verifyPlanShape(plan, registry) : verifyPlan(plan, intent, registry);
  if (!verified.ok) {
    return {
      status: "rejected" as const,
      planId: plan.planId,
      reasons: verified.reasons.map((r) => ({ code: r.code, message: r.message.slice(0, 2000), ...(r.path === undefined ? {} : { path: r.path.slice(0, 500) }) })),
    };
  }
  const requester = intent?.actor ?? { type: "service" as const, id: caller.principalId };
  const sound = CompiledPlan.parse(plan);
  return {
    status: "verified" as const,
    planId: sound.planId,
    digest: sound.digest,
    steps: sound.steps.map((step) => ({
      stepId: step.stepId,
      key: step.key,
      tool: step.tool,
      policy: decide(step, { planId: sound.planId, requester, input: step.input }),
    })),
  };
});
