import { describe, expect, it } from "vitest";
import type { CompiledStep } from "../../../contracts/plan.ts";
import { budgetedDecider } from "../../../engine/policy/budget.ts";
import type { PolicyDecider, PolicyVerdict } from "../../../engine/policy/types.ts";

const ref = { version: "3", hash: "a".repeat(64) };
const allowed: PolicyVerdict = { verdict: "autonomous", tier: "low", reason: "permitted", policyVersion: "3", policyHash: "a".repeat(64) };
const inner: PolicyDecider = () => allowed;
const step = {} as CompiledStep;
const ctx = { planId: "pl_1", requester: { type: "human" as const, id: "u1" }, input: {} };

describe("budgetedDecider", () => {
  it("lets the rules decide below the budget, and without a budget", () => {
    expect(budgetedDecider(inner, { executionsPerHour: 3 }, 2, ref)(step, ctx)).toBe(allowed);
    expect(budgetedDecider(inner, undefined, 1_000, ref)(step, ctx)).toBe(allowed);
  });

  it("blocks every step once the pinned count reaches the budget, naming BUDGET_EXCEEDED and the policy", () => {
    for (const used of [3, 4, 1_000]) {
      const verdict = budgetedDecider(inner, { executionsPerHour: 3 }, used, ref)(step, ctx);
      expect(verdict).toMatchObject({ verdict: "blocked", tier: "blocked", policyVersion: "3", policyHash: "a".repeat(64) });
      expect(verdict.reason).toMatch(/^BUDGET_EXCEEDED: .*\b3 per hour/);
    }
  });

  it("decides the same for the same pinned count, however often it is asked (replay)", () => {
    const decide = budgetedDecider(inner, { executionsPerHour: 1 }, 1, ref);
    expect(decide(step, ctx)).toEqual(decide(step, ctx));
  });
});
