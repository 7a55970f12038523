import type { RiskTier } from "../../contracts/tools/define.ts";
import type { ConditionResult, Outcome } from "./conditions.ts";
import type { ApprovalSpec, PolicyRule } from "./document.ts";
import type { PolicyRef, PolicyTier, PolicyVerdict, VerdictKind } from "./types.ts";

export interface RuleEvaluation {
  ruleId: string;
  effect: PolicyRule["effect"];
  /** `unknown` when a condition lacked context and none failed. */
  outcome: Outcome;
  /** Permit rules apply only on `match`; deny rules also on `unknown`, failing closed. */
  applies: boolean;
  why: string;
  conditions: ConditionResult[];
}

export type Basis = "explicit_rule" | "implicit_deny" | "unknown_tool";

export interface TierOverride {
  ruleId: string;
  from: RiskTier;
  to: RiskTier;
  reason: string;
}

export interface PolicyExplanation {
  decisionId: string;
  inputDigest: string;
  policy: PolicyRef;
  verdict: VerdictKind;
  tier: PolicyTier;
  toolRisk: RiskTier | null;
  basis: Basis;
  determiningRules: string[];
  rules: RuleEvaluation[];
  missingContext: string[];
  override: TierOverride | null;
  /** The full approval requirement (group, quorum, deadlines) when the verdict is `approval_required`. */
  approval: ApprovalSpec | null;
  reason: string;
}

/** The verdict the executor records and the explanation of how it was reached, from one evaluation. */
export interface PolicyDecision {
  verdict: PolicyVerdict;
  explanation: PolicyExplanation;
}
