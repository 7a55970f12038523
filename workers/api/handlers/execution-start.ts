import { executionStart } from "../../../contracts/commands/execution-start.ts";
import type { Intent } from "../../../contracts/intent.ts";
import { digestOf } from "../../../engine/hash.ts";
import { planIntent } from "../../../engine/plan-intent.ts";
import { acceptDelivery } from "../../ingest/accept-delivery.ts";
import { enforceIntentScope, enforcePlanScope } from "../grant-scope.ts";
import { enforceReplyTarget } from "../reply-target.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { enforceRateLimit } from "../rate-limit.ts";
import { requireExecution } from "./execution-summary.ts";
import { requireCallerActor, submittedIntent } from "./request-intent.ts";
import { TENANT_REACH } from "../visibility.ts";
import { tenantToolRegistry } from "../../skills/tenant-tool-registry.ts";

/**
 * Runs exactly the plan a caller previewed: the intent is recompiled here (compilation is deterministic)
 * and must give the digest the caller reviewed. The ExecutionDO compiles the same intent again when it
 * starts, and its plan verifier refuses anything else, so the reviewed digest is what runs.
 */
export const executionStartHandler = implement(executionStart, async (input, ctx) => {
  const caller = requireCaller(ctx);
  await enforceRateLimit(ctx.env, caller);
  if (input.intent.tenantId !== caller.tenantId) {
    throw new ProblemError(403, "INTENT_TENANT_MISMATCH", "The intent belongs to another tenant.", [{ path: "intent.tenantId", message: "not the caller's tenant" }]);
  }
  const grantScope = enforceIntentScope(caller, executionStart.capability, input.intent, "intent.");
  requireCallerActor(caller, input.intent.actor, "intent.actor");
  const intent: Intent = submittedIntent(caller, input.intent);
  await enforceReplyTarget(ctx.db, caller.tenantId, intent.replyTo, "intent.");
  const planned = planIntent(intent, await tenantToolRegistry(ctx.db, caller.tenantId));
  if (!planned.ok) {
    throw new ProblemError(
      422,
      "PLAN_REJECTED",
      `The intent no longer gives a runnable plan (${planned.rejection.stage}).`,
      planned.rejection.reasons.map((r) => ({ path: "intent", message: `${r.code}: ${r.message}` })),
    );
  }
  enforcePlanScope(grantScope, planned.plan, intent.replyTo);
  if (planned.plan.digest !== input.expectedDigest) {
    throw new ProblemError(409, "PLAN_DIGEST_MISMATCH", `Recompiling the intent gives plan digest ${planned.plan.digest}, not the reviewed ${input.expectedDigest}.`, [
      { path: "expectedDigest", message: "does not match the recompiled plan" },
    ]);
  }
  // One delivery per (tenant, intent): starting the same reviewed intent again finds the first execution.
  const deliveryId = `${caller.tenantId}:start:${digestOf(input.intent)}`;
  const accepted = await acceptDelivery(
    ctx.env,
    { provider: "api", deliveryId, payloadHash: digestOf({ intent: input.intent, expectedDigest: input.expectedDigest }), tenantId: caller.tenantId, status: "accepted" },
    [{ itemId: deliveryId, intent, grantScope }],
    ctx.now,
  );
  if (accepted.status === "conflict") throw new Error(`delivery ${deliveryId} was recorded with another payload`);
  const [record] = accepted.records;
  if (record === undefined) throw new Error("an accepted intent has no record");
  return requireExecution(ctx.db, caller.tenantId, record.executionId, TENANT_REACH);
});
