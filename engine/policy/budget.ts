import type { CompiledStep } from "../../contracts/plan.ts";
import type { PolicyBudget } from "../../contracts/policy/document.ts";
import type { PolicyDecider, PolicyRef, PolicyVerdict } from "./types.ts";

export const BUDGET_EXCEEDED = "BUDGET_EXCEEDED";

/**
 * Wraps an execution's decider with the policy's budget, judged on the count recorded at start: over budget,
 * every step is blocked before policy's rules are asked; within it (or with no budget), the rules decide.
 * The count comes from the pin, never from a read at decision time, so replay gives the same verdicts.
 */
export function budgetedDecider(inner: PolicyDecider, budget: PolicyBudget | undefined, executionsInLastHour: number | undefined, policy: PolicyRef): PolicyDecider {
  if (budget === undefined) return inner;
  // A pin without a count (recorded before budgets existed) cannot be judged: its steps keep their rules' verdict.
  if (executionsInLastHour === undefined || executionsInLastHour < budget.executionsPerHour) return inner;
  return (_step: CompiledStep) => {
    const verdict: PolicyVerdict = {
      verdict: "blocked",
      tier: "blocked",
      reason: `${BUDGET_EXCEEDED}: the tenant started ${executionsInLastHour} executions in the hour before this one; the policy allows ${budget.executionsPerHour} per hour`,
      policyVersion: policy.version,
      policyHash: policy.hash,
    };
    return verdict;
  };
}
