import { z } from "zod";
import { RiskTier } from "../tools/define.ts";
import { RiskTier as PolicyTier, Verdict } from "./decision.ts";
import { ApprovalSpec } from "./document.ts";

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const ConditionOutcome = z.enum(["match", "no_match", "unknown"]);

export const ConditionResult = z.strictObject({
  condition: z.string().describe("Which condition of the rule, e.g. `tools` or `args.repo prefix`"),
  outcome: ConditionOutcome.describe("`unknown` when the request lacked the context the condition needs"),
  detail: z.string(),
  missing: z.string().optional().describe("The missing context, when `unknown`"),
});

export const RuleEvaluation = z.strictObject({
  ruleId: z.string(),
  effect: z.enum(["allow", "require_approval", "deny"]),
  outcome: ConditionOutcome,
  applies: z.boolean().describe("Permit rules apply only on `match`; deny rules also on `unknown` (fail closed)"),
  why: z.string(),
  conditions: z.array(ConditionResult),
});

export const TierOverride = z.strictObject({
  ruleId: z.string(),
  from: RiskTier,
  to: RiskTier,
  reason: z.string().describe("The reason the policy author gave for lowering the tier"),
});

/** How policy reached a decision; produced by the same evaluation that decides. */
export const PolicyExplanation = z.strictObject({
  decisionId: z.string().regex(/^pd_[0-9a-f]{24}$/).describe("Derived from the policy hash and the input digest"),
  inputDigest: Hex64.describe("Digest of everything the decision looked at"),
  policy: z.strictObject({ version: z.string(), hash: Hex64 }),
  verdict: Verdict,
  tier: PolicyTier,
  toolRisk: RiskTier.nullable().describe("The tool's declared tier; null for an unknown tool"),
  basis: z.enum(["explicit_rule", "implicit_deny", "unknown_tool"]),
  determiningRules: z.array(z.string()).describe("The rules that decided; empty for an implicit deny"),
  rules: z.array(RuleEvaluation).describe("Every rule of the policy, in order, with why it applied or not"),
  missingContext: z.array(z.string()),
  override: TierOverride.nullable(),
  approval: ApprovalSpec.nullable().describe("The full approval requirement when the verdict is `approval_required`"),
  reason: z.string(),
});
