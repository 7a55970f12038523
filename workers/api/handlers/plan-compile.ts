import { planCompile } from "../../../contracts/commands/plan-compile.ts";
import { planIntent } from "../../../engine/plan-intent.ts";
import { enforceIntentScope, enforcePlanScope } from "../grant-scope.ts";
import { implement, requireCaller } from "../handler.ts";
import { intentOfRequest } from "./request-intent.ts";
import { tenantToolRegistry } from "../../skills/tenant-tool-registry.ts";

/** A preview: the same road an execution takes (interpret, compile, verify), with nothing stored or run. */
export const planCompileHandler = implement(planCompile, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const scope = enforceIntentScope(caller, planCompile.capability, input);
  const intent = intentOfRequest(caller, input, ctx.now);
  const planned = planIntent(intent, await tenantToolRegistry(ctx.db, caller.tenantId));
  // Compiled text is checked too: a preview does not show a plan the caller's grant could not run.
  if (planned.ok) enforcePlanScope(scope, planned.plan, intent.replyTo);
  if (planned.ok) return { status: "compiled" as const, intent, plan: planned.plan };
  return { status: "rejected" as const, intent, reasons: planned.rejection.reasons };
});
