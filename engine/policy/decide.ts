import type { RiskTier } from "../../contracts/tools/define.ts";
import { digestOf } from "../hash.ts";
import { type Outcome, evaluateConditions } from "./conditions.ts";
import { ApprovalSpec, type PolicyDocument, type PolicyRule } from "../../contracts/policy/document.ts";
import type { PolicyDecision, PolicyExplanation, RuleEvaluation, TierOverride } from "./explanation.ts";
import type { PolicyRequest } from "./request.ts";
import { maxTier, minTier, tierRank } from "./tiers.ts";
import type { PolicyRef, PolicyTier } from "./types.ts";

export interface PinnedPolicy {
  ref: PolicyRef;
  document: PolicyDocument;
}

/** What an `allow` at a tier that still needs people asks for, and the floor any high-tier approval gets. */
export const TIER_APPROVAL = {
  medium: ApprovalSpec.parse({ group: "approvers", quorum: 1, excludeRequester: false }),
  high: ApprovalSpec.parse({ group: "approvers", quorum: 2, excludeRequester: true }),
} as const;

/**
 * The policy engine: decides and explains in one pass, so the explanation cannot drift from the
 * decision. Deny wins; no applicable permit means deny; the tier (the tool's default, raised by rules,
 * lowered only by an override with a reason) decides whether a permit runs alone or needs approvers;
 * a high-risk tool never runs autonomously whatever the rules say.
 */
export function decide(policy: PinnedPolicy, request: PolicyRequest): PolicyDecision {
  const inputDigest = digestOf(requestFacts(request));
  const decisionId = `pd_${digestOf({ policy: policy.ref.hash, inputDigest }).slice(0, 24)}`;
  const rules = policy.document.rules.map((rule) => evaluateRule(rule, request));
  const missingContext = [...new Set(rules.flatMap((r) => r.conditions.flatMap((c) => (c.missing ? [c.missing] : []))))].sort();
  const base = { decisionId, inputDigest, policy: policy.ref, toolRisk: request.tool?.risk ?? null, rules, missingContext };
  const applying = (effect: PolicyRule["effect"]) => rules.filter((r) => r.applies && r.effect === effect).map((r) => r.ruleId);

  const tool = request.tool;
  if (tool === null) {
    return finish(policy, base, { verdict: "blocked", tier: "blocked", basis: "unknown_tool", determiningRules: [], override: null, approval: null, reason: `${request.toolKey} is not a registered tool; unknown tools are denied` });
  }
  const denies = applying("deny");
  if (denies.length > 0) {
    return finish(policy, base, { verdict: "blocked", tier: "blocked", basis: "explicit_rule", determiningRules: denies, override: null, approval: null, reason: `denied by ${denies.join(", ")} (deny wins over any permit)` });
  }
  const permits = rules.filter((r) => r.applies && r.effect !== "deny");
  if (permits.length === 0) {
    return finish(policy, base, { verdict: "blocked", tier: "blocked", basis: "implicit_deny", determiningRules: [], override: null, approval: null, reason: `no rule permits ${tool.key}; anything unmatched is denied` });
  }

  const byId = new Map(policy.document.rules.map((r) => [r.id, r]));
  const permitRules = permits.flatMap((r) => byId.get(r.ruleId) ?? []);
  const { tier, override } = tierOf(tool.risk, permitRules);
  const approvals = permitRules.filter((r) => r.effect === "require_approval");
  if (approvals.length === 0 && tier === "low" && tool.risk !== "high") {
    const ids = permitRules.map((r) => r.id);
    return finish(policy, base, { verdict: "autonomous", tier, basis: "explicit_rule", determiningRules: ids, override, approval: null, reason: `${tool.key} is ${tier} risk and permitted by ${ids.join(", ")}; it runs autonomously` });
  }

  const strictest = approvals.reduce<PolicyRule | null>((best, r) => (best === null || quorumOf(r) > quorumOf(best) ? r : best), null);
  const gateTier = tool.risk === "high" ? "high" : tier;
  const approval = floorApproval(strictest?.approval ?? (gateTier === "high" ? TIER_APPROVAL.high : TIER_APPROVAL.medium), gateTier);
  const determiningRules = strictest === null ? permitRules.map((r) => r.id) : [strictest.id];
  const why = strictest === null
    ? `${tool.key} is ${gateTier} risk, so the permit of ${determiningRules.join(", ")} still needs approval`
    : `${strictest.id} requires approval for ${tool.key}`;
  return finish(policy, base, {
    verdict: "approval_required",
    tier,
    basis: "explicit_rule",
    determiningRules,
    override,
    approval,
    reason: `${why}: ${approval.quorum} from ${approval.group}${approval.excludeRequester ? ", the requester excluded" : ""}`,
  });
}

/** What the decision concluded, as opposed to what it looked at (`Base`). */
type Conclusion = Pick<PolicyExplanation, "verdict" | "tier" | "basis" | "determiningRules" | "override" | "approval" | "reason">;
type Base = Pick<PolicyExplanation, "decisionId" | "inputDigest" | "policy" | "toolRisk" | "rules" | "missingContext">;

function finish(policy: PinnedPolicy, base: Base, outcome: Conclusion): PolicyDecision {
  const explanation: PolicyExplanation = { ...base, ...outcome };
  return {
    verdict: {
      verdict: outcome.verdict,
      tier: outcome.tier,
      reason: outcome.reason,
      policyVersion: policy.ref.version,
      policyHash: policy.ref.hash,
      ...(outcome.approval ? { approval: { quorum: outcome.approval.quorum, excludeRequester: outcome.approval.excludeRequester } } : {}),
    },
    explanation,
  };
}

function evaluateRule(rule: PolicyRule, request: PolicyRequest): RuleEvaluation {
  const conditions = evaluateConditions(rule.match, request);
  const outcome: Outcome = conditions.some((c) => c.outcome === "no_match")
    ? "no_match"
    : conditions.some((c) => c.outcome === "unknown")
      ? "unknown"
      : "match";
  const applies = outcome === "match" || (outcome === "unknown" && rule.effect === "deny");
  const failed = conditions.find((c) => c.outcome === "no_match");
  const unknown = conditions.filter((c) => c.outcome === "unknown");
  const why =
    outcome === "no_match" && failed
      ? `${failed.condition}: ${failed.detail}`
      : outcome === "unknown"
        ? `cannot tell (${unknown.map((c) => c.detail).join("; ")}); ${applies ? "a deny applies when in doubt" : "a permit needs every condition shown"}`
        : conditions.length === 0
          ? "the rule has no conditions and matches every step"
          : "every condition holds";
  return { ruleId: rule.id, effect: rule.effect, outcome, applies, why, conditions };
}

/** Raises are `at least`; an override (with its reason) may set the base below the tool's default. */
function tierOf(toolRisk: RiskTier, rules: readonly PolicyRule[]): { tier: RiskTier; override: TierOverride | null } {
  let base = toolRisk;
  let override: TierOverride | null = null;
  for (const rule of rules) {
    if (rule.override === undefined || rule.tier === undefined) continue;
    if (tierRank(rule.tier) < tierRank(base)) {
      base = minTier(base, rule.tier);
      override = { ruleId: rule.id, from: toolRisk, to: rule.tier, reason: rule.override.reason };
    }
  }
  let tier = base;
  for (const rule of rules) if (rule.override === undefined && rule.tier !== undefined) tier = maxTier(tier, rule.tier);
  return { tier, override };
}

function quorumOf(rule: PolicyRule): number {
  return rule.approval?.quorum ?? 1;
}

function floorApproval(spec: ApprovalSpec, tier: PolicyTier): ApprovalSpec {
  if (tier !== "high") return spec;
  return { ...spec, quorum: Math.max(spec.quorum, TIER_APPROVAL.high.quorum), excludeRequester: true };
}

/** The request as data, with missing context absent rather than undefined, for its digest. */
function requestFacts(request: PolicyRequest): Record<string, unknown> {
  return {
    tenantId: request.tenantId,
    toolKey: request.toolKey,
    tool: request.tool,
    input: request.input,
    actor: { type: request.actor.type, id: request.actor.id, ...(request.actor.roles ? { roles: [...request.actor.roles].sort() } : {}) },
    ...(request.channel === undefined ? {} : { channel: request.channel }),
    ...(request.draftSource === undefined ? {} : { draftSource: request.draftSource }),
    ...(request.at === undefined ? {} : { at: request.at }),
  };
}
