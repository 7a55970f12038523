import type { z } from "zod";
import type { PolicyExplanation as ExplanationSchema, RuleEvaluation as RuleSchema, TierOverride as OverrideSchema } from "../../contracts/policy/explanation.ts";
import type { PolicyVerdict } from "./types.ts";

export type RuleEvaluation = z.infer<typeof RuleSchema>;
export type TierOverride = z.infer<typeof OverrideSchema>;
export type PolicyExplanation = z.infer<typeof ExplanationSchema>;
export type Basis = PolicyExplanation["basis"];

/** The verdict the executor records and the explanation of how it was reached, from one evaluation. */
export interface PolicyDecision {
  verdict: PolicyVerdict;
  explanation: PolicyExplanation;
}
