import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinTools } from "../../contracts/tools/index.ts";
import { PolicyExplanation } from "../../contracts/policy/explanation.ts";
import { decide } from "../../engine/policy/decide.ts";
import type { PolicyDocumentInput } from "../../contracts/policy/document.ts";
import { type RuleGen, rank, ruleArb, type Tier, toDocument, toolKeys } from "./policy-arbitraries.ts";
import type { PolicyRequest } from "../../engine/policy/request.ts";
import { pinned, requestFor } from "./policy-fixtures.ts";

/** A second, naive reading of the semantics in docs/governance.md, to check decide against. */
function oracle(doc: PolicyDocumentInput, request: PolicyRequest): { verdict: string; quorum?: number } {
  const tool = request.tool;
  if (tool === null) return { verdict: "blocked" };
  const matches = doc.rules.filter((rule) => {
    const m = rule.match ?? {};
    const text = request.input.text;
    const checks: (boolean | null)[] = [
      m.tools ? m.tools.includes(request.toolKey) : true,
      m.risks ? m.risks.includes(tool.risk) : true,
      m.channels ? (request.channel === undefined ? null : m.channels.includes(request.channel)) : true,
      m.actorRoles ? (request.actor.roles === undefined ? null : m.actorRoles.some((r) => request.actor.roles?.includes(r))) : true,
      m.args ? (text === undefined ? null : m.args.every((a) => a.op === "eq" && a.value === text)) : true,
    ];
    if (checks.includes(false)) return false;
    return rule.effect === "deny" || !checks.includes(null);
  });
  if (matches.some((r) => r.effect === "deny")) return { verdict: "blocked" };
  if (matches.length === 0) return { verdict: "blocked" };
  let tier: Tier = tool.risk;
  const lowered = matches.filter((r) => r.override && r.tier && rank[r.tier] < rank[tool.risk]);
  for (const r of lowered) if (r.tier && rank[r.tier] < rank[tier]) tier = r.tier;
  for (const r of matches) if (!r.override && r.tier && rank[r.tier] > rank[tier]) tier = r.tier;
  const approvals = matches.filter((r) => r.effect === "require_approval");
  if (approvals.length === 0 && tier === "low" && tool.risk !== "high") return { verdict: "autonomous" };
  const gate: Tier = tool.risk === "high" ? "high" : tier;
  const asked = approvals.length === 0 ? (gate === "high" ? 2 : 1) : Math.max(...approvals.map((r) => r.approval?.quorum ?? 1));
  return { verdict: "approval_required", quorum: gate === "high" ? Math.max(asked, 2) : asked };
}

const requestArb = fc.record({
  toolKey: fc.constantFrom(...toolKeys),
  channel: fc.option(fc.constantFrom("slack", "github", "api") as fc.Arbitrary<"slack" | "github" | "api">, { nil: undefined }),
  roles: fc.option(fc.subarray(["ops", "dev"]), { nil: undefined }),
  text: fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined }),
});

type RequestGen = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function toRequest(r: RequestGen): PolicyRequest {
  const base = requestFor(r.toolKey, { input: r.text === undefined ? {} : { text: r.text } });
  const { channel: _c, ...rest } = base;
  return {
    ...rest,
    ...(r.channel === undefined ? {} : { channel: r.channel }),
    actor: { type: "human", id: "pr_alice", ...(r.roles === undefined ? {} : { roles: r.roles }) },
  };
}

describe("decide and explain, over random policies and steps", () => {
  it("agrees with a naive oracle and explains itself consistently (1,000 cases)", () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 6 }), requestArb, (rules, req) => {
        const doc = toDocument(rules);
        const request = toRequest(req);
        const { verdict, explanation } = decide(pinned(doc), request);
        const expected = oracle(doc, request);
        expect(verdict.verdict).toBe(expected.verdict);
        if (expected.quorum !== undefined) expect(verdict.approval?.quorum).toBe(expected.quorum);
        expect(PolicyExplanation.parse(explanation)).toEqual(explanation);
        expect(explanation.verdict).toBe(verdict.verdict);
        expect(explanation.tier).toBe(verdict.tier);
        expect(explanation.reason).toBe(verdict.reason);
        expect(explanation.rules.map((r) => r.ruleId)).toEqual(doc.rules.map((r) => r.id));
        const applying = new Set(explanation.rules.filter((r) => r.applies).map((r) => r.ruleId));
        for (const id of explanation.determiningRules) expect(applying.has(id)).toBe(true);
        if (explanation.basis === "implicit_deny") expect(explanation.rules.some((r) => r.applies)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("never answers autonomous for a high-risk tool, and high-tier approvals always exclude the requester with a quorum of 2 or more", () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 6 }), requestArb, (rules, req) => {
        const request = toRequest(req);
        const { verdict } = decide(pinned(toDocument(rules)), request);
        if (request.tool?.risk === "high") expect(verdict.verdict).not.toBe("autonomous");
        if (verdict.verdict === "approval_required" && (verdict.tier === "high" || request.tool?.risk === "high")) {
          expect(verdict.approval?.excludeRequester).toBe(true);
          expect(verdict.approval?.quorum ?? 0).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
