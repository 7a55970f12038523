import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../contracts/intent.ts";
import { toolRegistry } from "../../contracts/tools/index.ts";
import type { Effect, InvokeEffect } from "../../engine/executor/effects.ts";
import { type TransitionResult, transition } from "../../engine/executor/machine.ts";
import type { ExecutionState } from "../../engine/executor/state.ts";
import { policyDecider } from "../../engine/policy/decider.ts";
import { DEFAULT_POLICY_DOCUMENT } from "../../engine/policy/default.ts";
import { buildPlan, config, requester } from "../engine/executor/helpers.ts";
import { ruleArb, toDocument } from "./policy-arbitraries.ts";
import { pinned } from "./policy-fixtures.ts";

const tools = toolRegistry.list();
const people: Actor[] = [requester, { type: "human", id: "bob" }, { type: "human", id: "carol" }, { type: "human", id: "bob" }];

const planArb = fc.array(fc.record({ tool: fc.integer({ min: 0, max: tools.length - 1 }), afterPrevious: fc.boolean() }), { minLength: 1, maxLength: 4 });
const choicesArb = fc.array(fc.record({ decision: fc.constantFrom("approved", "rejected"), approvers: fc.subarray(people) }), { maxLength: 12 });

/**
 * Whatever the policy (random rules, overrides included) and whatever approvals arrive (the requester's
 * own, duplicates, too few), no high-risk step is ever invoked without two approvers other than the requester.
 */
describe("zero high-risk autonomous sends", () => {
  it("holds over random policies, plans and approval sequences", () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 5 }), fc.boolean(), planArb, choicesArb, (rules, withDefaults, planSpec, choices) => {
        const plan = buildPlan(
          planSpec.map((s, i) => {
            const tool = tools[s.tool] ?? tools[0];
            if (tool === undefined) throw new Error("no tools");
            return { key: `s${i}`, tool: tool.key, risk: tool.risk, sideEffect: tool.sideEffect, after: s.afterPrevious && i > 0 ? [`s${i - 1}`] : [] };
          }),
        );
        const random = toDocument(rules);
        // Half the policies end with the default rules, so permits (and high-risk runs) are common.
        const policy = pinned(withDefaults ? { ...random, rules: [...random.rules, ...DEFAULT_POLICY_DOCUMENT.rules] } : random);
        const decide = policyDecider(policy, { tenantId: "acme", channel: "slack", requesterRoles: [], at: "2026-01-01T00:00:00.000Z" }, toolRegistry);
        const invoked: InvokeEffect[] = [];
        const collect = (effects: readonly Effect[]) => invoked.push(...effects.filter((e): e is InvokeEffect => e.kind === "invoke"));
        let now = Date.parse("2026-01-01T00:00:00.000Z");
        const tick = () => new Date((now += 1000)).toISOString();
        const started = transition(null, { kind: "start", plan, requester, config, policy: policy.ref }, tick(), { decide });
        let state: ExecutionState | null = started.state;
        collect(started.effects);
        for (const choice of choices) {
          if (state === null) break;
          for (const call of invoked.splice(0)) {
            checkHighRisk(call);
            const r: TransitionResult = transition(state, { kind: "tool_outcome", stepId: call.stepId, attempt: call.attempt, outcome: { ok: true, output: {} } }, tick(), { decide });
            state = r.state ?? state;
            collect(r.effects);
          }
          const waiting = state.steps.find((s) => s.state === "waiting_approval");
          if (waiting === undefined) continue;
          const by = choice.approvers[0] ?? requester;
          const r: TransitionResult = transition(state, { kind: "approval_resolved", stepId: waiting.stepId, decision: choice.decision as "approved" | "rejected", by, approvers: choice.approvers }, tick(), { decide });
          state = r.state ?? state;
          collect(r.effects);
        }
        for (const call of invoked) checkHighRisk(call);
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: high-risk steps did run, each with its approvals.
    expect(highRiskRuns).toBeGreaterThan(50);
  });
});

let highRiskRuns = 0;

function checkHighRisk(call: InvokeEffect): void {
  const tool = toolRegistry.get(call.tool.key, call.tool.version);
  if (tool?.risk !== "high" && call.verdict.tier !== "high") return;
  highRiskRuns++;
  expect(call.verdict.verdict).toBe("approval_required");
  const others = new Set((call.approval?.approvers ?? []).filter((a) => a.id !== requester.id).map((a) => `${a.type}:${a.id}`));
  expect(others.size).toBeGreaterThanOrEqual(2);
}
