import type { GrantConstraint, GrantScope } from "../../contracts/common/grant.ts";
import type { ChannelKind, ReplyTarget } from "../../contracts/intent.ts";
import { type ReplyDestination, withDestination } from "../../contracts/common/reply-destination.ts";
import type { CompiledStep } from "../../contracts/plan.ts";
import { evaluateConditions } from "./conditions.ts";
import { toolPatternMatches } from "./tool-pattern.ts";
import type { PolicyDecider, PolicyRef, PolicyVerdict } from "./types.ts";

/**
 * Checks against the narrowing of a capability grant (tools, channels, argument constraints). Pure: the
 * API uses it to refuse a request before anything is recorded, and the executor's decider uses it on every
 * step with the scope recorded at start, so replay re-derives the same verdicts.
 */
export const GRANT_SCOPE_EXCEEDED = "GRANT_SCOPE_EXCEEDED";

export interface ScopeViolation {
  /** Relative to the step (`tool`, `input.repo`) or the intent (`channel`, `replyTo.kind`). */
  path: string;
  message: string;
}

/** `github.issue.close@1.0.0` → `github.issue.close`: a pinned version is still the same tool. */
export function toolKeyOf(tool: string): string {
  const at = tool.lastIndexOf("@");
  return at > 0 ? tool.slice(0, at) : tool;
}

export function isNarrowed(scope: GrantScope | null | undefined): scope is GrantScope {
  return scope != null && (scope.tools !== null || scope.channels !== null || scope.constraints !== null);
}

/** The intent's channel, and where its replies go, must be channels the grant names. */
export function channelViolations(scope: GrantScope, channel: ChannelKind, replyTo?: ReplyTarget): ScopeViolation[] {
  if (scope.channels === null) return [];
  const allowed = scope.channels;
  const out: ScopeViolation[] = [];
  if (!allowed.includes(channel)) out.push({ path: "channel", message: `channel ${channel} is outside the grant (channels: ${allowed.join(", ")})` });
  if (replyTo !== undefined && replyTo.kind !== "none" && !(allowed as readonly string[]).includes(replyTo.kind)) {
    out.push({ path: "replyTo.kind", message: `replies to ${replyTo.kind} are outside the grant (channels: ${allowed.join(", ")})` });
  }
  return out;
}

export interface StepCheckOptions {
  /**
   * At the API, inputs still hold `{ $ref }` values (resolved only when the step runs): a constraint whose
   * argument is a reference is left to the dispatch check instead of being judged on the reference.
   */
  deferReferences?: boolean;
}

/** The first way a step (its tool and its input) leaves the grant, or null when it stays inside. */
export function stepViolation(scope: GrantScope, tool: string, input: Record<string, unknown>, options: StepCheckOptions = {}): ScopeViolation | null {
  const key = toolKeyOf(tool);
  if (scope.tools !== null && !scope.tools.some((p) => toolPatternMatches(p, key))) {
    return { path: "tool", message: `tool ${key} is outside the grant (tools: ${scope.tools.join(", ")})` };
  }
  for (const constraint of scope.constraints ?? []) {
    if (!applies(constraint, key)) continue;
    const results = evaluateConditions({ args: constraint.args }, { tenantId: "", toolKey: key, tool: null, input, actor: { type: "service", id: "" } });
    for (const [i, result] of results.entries()) {
      if (result.outcome === "match") continue;
      const predicate = constraint.args[i];
      if (predicate === undefined) continue;
      if (options.deferReferences === true && throughReference(input, predicate.path)) continue;
      return { path: `input.${predicate.path}`, message: `argument constraint ${predicate.op} on ${predicate.path} does not hold: ${result.detail}` };
    }
  }
  return null;
}

function applies(constraint: GrantConstraint, key: string): boolean {
  return constraint.tools === undefined || constraint.tools.some((p) => toolPatternMatches(p, key));
}

function isReference(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as { $ref?: unknown }).$ref === "string";
}

function throughReference(input: Record<string, unknown>, path: string): boolean {
  let current: unknown = input;
  for (const part of path.split(".")) {
    if (isReference(current)) return true;
    if (current === null || typeof current !== "object" || Array.isArray(current)) return false;
    current = (current as Record<string, unknown>)[part];
  }
  return isReference(current);
}

/**
 * Wraps an execution's policy decider with the grant scope it recorded at start: a step outside the scope
 * is blocked (it never reaches approval or a tool), whatever policy would have said; inside, policy decides.
 */
export function scopedDecider(
  inner: PolicyDecider,
  scope: GrantScope | null | undefined,
  channel: ChannelKind,
  policy: PolicyRef,
  destination?: ReplyDestination,
): PolicyDecider {
  if (!isNarrowed(scope)) return inner;
  const channelProblem = channelViolations(scope, channel)[0] ?? null;
  return (step: CompiledStep, ctx) => {
    const violation = channelProblem ?? stepViolation(scope, step.tool.key, withDestination(ctx.input, destination));
    if (violation === null) return inner(step, ctx);
    const verdict: PolicyVerdict = {
      verdict: "blocked",
      tier: "blocked",
      reason: `${GRANT_SCOPE_EXCEEDED}: ${violation.message}; the requester's ${scope.capability} grant does not reach it`,
      policyVersion: policy.version,
      policyHash: policy.hash,
    };
    return verdict;
  };
}
