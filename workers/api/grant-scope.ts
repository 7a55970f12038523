import type { GrantScope } from "../../contracts/common/grant.ts";
import type { Intent, ReplyTarget } from "../../contracts/intent.ts";
import { destinationOf, withDestination } from "../../contracts/common/reply-destination.ts";
import type { CompiledPlan } from "../../contracts/plan.ts";
import { channelViolations, GRANT_SCOPE_EXCEEDED, isNarrowed, stepViolation } from "../../engine/policy/grant-scope.ts";
import type { Caller } from "./caller.ts";
import type { FieldError } from "./problem.ts";
import { ProblemError } from "./problem.ts";

/** The narrowing of the caller's grant for `capability`, or null when that grant is not narrowed. */
export function narrowedScope(caller: Caller, capability: string): GrantScope | null {
  const scope = caller.grants.get(capability);
  return isNarrowed(scope) ? scope : null;
}

function refuse(errors: FieldError[], scope: GrantScope): never {
  throw new ProblemError(
    403,
    GRANT_SCOPE_EXCEEDED,
    `The request reaches outside the narrowing of this key's ${scope.capability} grant: ${errors.map((e) => e.message).join("; ")}.`,
    errors,
  );
}

/**
 * Refuses (403 GRANT_SCOPE_EXCEEDED, with the path of each offending field) an intent whose channel, reply
 * target, or structured steps leave the grant. Text is compiled later: its steps are checked at dispatch.
 * Returns the scope to record with the intent (null when not narrowed).
 */
export function enforceIntentScope(
  caller: Caller,
  capability: string,
  intent: Pick<Intent, "channel" | "replyTo"> & { steps?: Intent["steps"] | undefined },
  prefix = "",
): GrantScope | null {
  const scope = narrowedScope(caller, capability);
  if (scope === null) return null;
  const errors: FieldError[] = channelViolations(scope, intent.channel, intent.replyTo).map((v) => ({ path: `${prefix}${v.path}`, message: v.message }));
  const destination = destinationOf(intent.replyTo);
  for (const [i, step] of (intent.steps ?? []).entries()) {
    const v = stepViolation(scope, step.tool, withDestination(step.input, destination), { deferReferences: true });
    if (v !== null) errors.push({ path: `${prefix}steps.${i}.${v.path}`, message: `step ${step.key}: ${v.message}` });
  }
  if (errors.length > 0) refuse(errors, scope);
  return scope;
}

/** The compiled plan (text included) against the scope, where the API compiles anyway (plan.compile, execution.start). */
export function enforcePlanScope(scope: GrantScope | null, plan: CompiledPlan, replyTo: ReplyTarget, prefix = "plan."): void {
  if (scope === null) return;
  const errors: FieldError[] = [];
  const destination = destinationOf(replyTo);
  for (const [i, step] of plan.steps.entries()) {
    const v = stepViolation(scope, step.tool.key, withDestination(step.input, destination), { deferReferences: true });
    if (v !== null) errors.push({ path: `${prefix}steps.${i}.${v.path}`, message: `step ${step.key}: ${v.message}` });
  }
  if (errors.length > 0) refuse(errors, scope);
}
