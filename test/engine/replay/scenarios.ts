import fc from "fast-check";
import type { RiskTier } from "../../../contracts/tools/define.ts";
import { decide as interim } from "../../../engine/policy/interim.ts";
import type { PolicyDecider, PolicyVerdict } from "../../../engine/policy/types.ts";
import { TEST_POLICY_REF, buildPlan, type StepSpec } from "../executor/helpers.ts";
import type { Scenario } from "./driver.ts";

type PolicyChoice = "interim" | "autonomous" | "approval" | "blocked";

const stepArb = fc.record({
  risk: fc.constantFrom<RiskTier>("low", "low", "low", "low", "medium", "high"),
  deps: fc.oneof(fc.constant<number[]>([]), fc.array(fc.nat(), { minLength: 1, maxLength: 2 })),
  ref: fc.nat(7),
  policy: fc.constantFrom<PolicyChoice>("interim", "interim", "autonomous", "autonomous", "approval", "blocked"),
});

/**
 * Random valid plans (DAGs of up to 10 steps with references between them), a per-step policy that
 * sometimes clears what it must not (high risk autonomous), a random config and a random world.
 */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    steps: fc.array(stepArb, { minLength: 1, maxLength: 10 }),
    salt: fc.nat(),
    maxInFlight: fc.integer({ min: 1, max: 4 }),
    maxAttempts: fc.integer({ min: 1, max: 4 }),
    baseDelayMs: fc.constantFrom(0, 10, 1_000),
    choices: fc.array(fc.nat(1_000), { maxLength: 120 }),
  })
  .map(({ steps, salt, maxInFlight, maxAttempts, baseDelayMs, choices }) => {
    const specs: StepSpec[] = steps.map((s, i) => {
      const deps = i === 0 ? [] : [...new Set(s.deps.map((d) => `s${d % i}`))];
      const source = deps[0];
      const input: Record<string, unknown> = { text: `step ${i}` };
      if (source !== undefined && s.ref < 3) input.from = { $ref: `${source}.v` };
      if (source !== undefined && s.ref === 3) input.broken = { $ref: `${source}.missing` };
      return { key: `s${i}`, risk: s.risk, after: deps, input };
    });
    const table = new Map(steps.map((s, i) => [`s${i}`, s.policy]));
    return {
      plan: buildPlan(specs, `scenario-${salt}`),
      decide: tablePolicy(table),
      policy: TEST_POLICY_REF,
      config: { retry: { baseDelayMs, factor: 2, maxAttempts, maxDelayMs: 5_000 }, maxInFlight },
      choices,
    };
  });

function tablePolicy(table: ReadonlyMap<string, PolicyChoice>): PolicyDecider {
  return (step, ctx): PolicyVerdict => {
    const choice = table.get(step.key) ?? "interim";
    const identity = { tier: step.risk, policyVersion: TEST_POLICY_REF.version, policyHash: TEST_POLICY_REF.hash };
    switch (choice) {
      case "interim":
        return { ...interim(step, ctx), policyVersion: identity.policyVersion, policyHash: identity.policyHash };
      case "autonomous":
        return { verdict: "autonomous", reason: "table says run", ...identity };
      case "approval":
        return { verdict: "approval_required", reason: "table says ask", approval: { quorum: 1, excludeRequester: true }, ...identity };
      case "blocked":
        return { verdict: "blocked", reason: "table says no", ...identity };
    }
  };
}
