import type { GrantScope } from "../contracts/common/grant.ts";
import { isNarrowed, scopedDecider } from "../engine/policy/grant-scope.ts";
import type { PolicyDecider } from "../engine/policy/types.ts";
import type { PolicyPin } from "./policy-pin.ts";

/**
 * The submitting caller's grant scope joins the policy pin at start: stored with it in the DO, traced in
 * `policy_pinned`, and applied by wrapping the pinned decider, so replay (which builds the decider from the
 * same stored pin) re-derives every out-of-scope block identically.
 */
export function withGrantScope(pin: PolicyPin, scope: GrantScope | null | undefined): PolicyPin {
  return isNarrowed(scope) ? { ...pin, grantScope: scope } : pin;
}

/** The `policy_pinned` payload: the pin, the grant scope when there is one, and the pinned requester. */
export function pinnedPayload(pin: PolicyPin): Record<string, unknown> {
  return {
    version: pin.ref.version,
    hash: pin.ref.hash,
    document: pin.document,
    context: pin.context,
    ...(pin.grantScope === undefined ? {} : { grantScope: pin.grantScope }),
    ...(pin.requester === undefined ? {} : { requester: pin.requester }),
  };
}

export function scopedByPin(decider: PolicyDecider, pin: PolicyPin): PolicyDecider {
  return scopedDecider(decider, pin.grantScope, pin.context.channel, pin.ref, pin.context.destination);
}
