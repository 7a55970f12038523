import { describe, expect, it } from "vitest";
import { decide } from "../../engine/policy/decide.ts";
import { DEFAULT_POLICY } from "../../engine/policy/default.ts";
import { POLICY_SCHEMA } from "../../contracts/policy/document.ts";
import { pinned, requestFor } from "./policy-fixtures.ts";

describe("the default policy", () => {
  it("runs low risk autonomously", () => {
    const { verdict, explanation } = decide(DEFAULT_POLICY, requestFor("channel.reply"));
    expect(verdict).toMatchObject({ verdict: "autonomous", tier: "low", policyVersion: "default-1", policyHash: DEFAULT_POLICY.ref.hash });
    expect(explanation.determiningRules).toEqual(["low-autonomous"]);
  });

  it("asks one approver from `approvers` for medium risk", () => {
    const { verdict, explanation } = decide(DEFAULT_POLICY, requestFor("github.issue.label"));
    expect(verdict).toMatchObject({ verdict: "approval_required", tier: "medium", approval: { quorum: 1, excludeRequester: false } });
    expect(explanation.approval?.group).toBe("approvers");
  });

  it("asks two approvers, the requester excluded, for high risk", () => {
    const { verdict } = decide(DEFAULT_POLICY, requestFor("github.issue.close"));
    expect(verdict).toMatchObject({ verdict: "approval_required", tier: "high", approval: { quorum: 2, excludeRequester: true } });
  });

  it("denies unknown tools", () => {
    const { verdict, explanation } = decide(DEFAULT_POLICY, requestFor("acme/nope/tool"));
    expect(verdict.verdict).toBe("blocked");
    expect(explanation.basis).toBe("unknown_tool");
  });
});

describe("rules", () => {
  const base = { schema: POLICY_SCHEMA, name: "t" } as const;

  it("deny when no rule matches (implicit deny)", () => {
    const policy = pinned({ ...base, rules: [{ id: "only-labels", match: { tools: ["github.issue.label"] }, effect: "require_approval" }] });
    const { verdict, explanation } = decide(policy, requestFor("channel.reply"));
    expect(verdict.verdict).toBe("blocked");
    expect(explanation.basis).toBe("implicit_deny");
    expect(explanation.rules[0]).toMatchObject({ ruleId: "only-labels", outcome: "no_match", applies: false });
    expect(explanation.rules[0]?.why).toMatch(/channel.reply is not in \[github.issue.label\]/);
  });

  it("forbid wins over permit, whatever the order", () => {
    const policy = pinned({
      ...base,
      rules: [
        { id: "low-ok", match: { risks: ["low"] }, effect: "allow" },
        { id: "no-weekend-slack", match: { channels: ["slack"], timeWindow: { days: ["sat", "sun"], from: "00:00", to: "23:59" } }, effect: "deny" },
      ],
    });
    const weekday = decide(policy, requestFor("channel.reply"));
    expect(weekday.verdict.verdict).toBe("autonomous");
    const saturday = decide(policy, requestFor("channel.reply", { at: "2026-11-28T10:00:00.000Z" }));
    expect(saturday.verdict.verdict).toBe("blocked");
    expect(saturday.explanation).toMatchObject({ basis: "explicit_rule", determiningRules: ["no-weekend-slack"] });
  });

  it("a deny whose context is missing applies (fails closed) and names the missing context", () => {
    const policy = pinned({
      ...base,
      rules: [
        { id: "low-ok", match: { risks: ["low"] }, effect: "allow" },
        { id: "no-big-amounts", match: { args: [{ path: "amount", op: "gt", value: 100 }] }, effect: "deny" },
      ],
    });
    const { verdict, explanation } = decide(policy, requestFor("channel.reply", { input: { text: "hi" } }));
    expect(verdict.verdict).toBe("blocked");
    expect(explanation.missingContext).toEqual(["args.amount"]);
    const small = decide(policy, requestFor("channel.reply", { input: { amount: 5 } }));
    expect(small.verdict.verdict).toBe("autonomous");
  });

  it("a permit whose context is missing does not apply", () => {
    const policy = pinned({ ...base, rules: [{ id: "ops-only", match: { risks: ["low"], actorRoles: ["ops"] }, effect: "allow" }] });
    const { verdict, explanation } = decide(policy, requestFor("channel.reply", { actor: { type: "human", id: "pr_x" } }));
    expect(verdict.verdict).toBe("blocked");
    expect(explanation.missingContext).toEqual(["actor.roles"]);
    expect(decide(policy, requestFor("channel.reply", { actor: { type: "human", id: "pr_x", roles: ["ops"] } })).verdict.verdict).toBe("autonomous");
  });

  it("argument predicates raise the tier", () => {
    const policy = pinned({
      ...base,
      rules: [
        { id: "low-ok", match: { risks: ["low"] }, effect: "allow" },
        { id: "announcements-are-high", match: { tools: ["channel.reply"], args: [{ path: "text", op: "contains", value: "@channel" }] }, effect: "allow", tier: "high" },
      ],
    });
    expect(decide(policy, requestFor("channel.reply", { input: { text: "hi" } })).verdict.verdict).toBe("autonomous");
    const loud = decide(policy, requestFor("channel.reply", { input: { text: "hi @channel" } }));
    expect(loud.verdict).toMatchObject({ verdict: "approval_required", tier: "high", approval: { quorum: 2, excludeRequester: true } });
  });

  it("lowering a tier needs an override, and the explanation carries its reason", () => {
    const noOverride = pinned({ ...base, rules: [{ id: "labels", match: { tools: ["github.issue.label"] }, effect: "allow", tier: "low" }] });
    expect(decide(noOverride, requestFor("github.issue.label")).verdict).toMatchObject({ verdict: "approval_required", tier: "medium" });
    const withOverride = pinned({
      ...base,
      rules: [{ id: "labels", match: { tools: ["github.issue.label"] }, effect: "allow", tier: "low", override: { reason: "triage bot labels all day" } }],
    });
    const { verdict, explanation } = decide(withOverride, requestFor("github.issue.label"));
    expect(verdict).toMatchObject({ verdict: "autonomous", tier: "low" });
    expect(explanation.override).toEqual({ ruleId: "labels", from: "medium", to: "low", reason: "triage bot labels all day" });
  });

  it("never lets a high-risk tool run autonomously, even when an override lowers it", () => {
    const policy = pinned({
      ...base,
      rules: [{ id: "close", match: { tools: ["github.issue.close"] }, effect: "allow", tier: "low", override: { reason: "we really mean it" } }],
    });
    const { verdict } = decide(policy, requestFor("github.issue.close"));
    expect(verdict.verdict).toBe("approval_required");
    expect(verdict.approval).toEqual({ quorum: 2, excludeRequester: true });
  });

  it("the strictest approval rule determines the quorum", () => {
    const policy = pinned({
      ...base,
      rules: [
        { id: "one", match: { risks: ["medium"] }, effect: "require_approval", approval: { quorum: 1 } },
        { id: "three", match: { tools: ["github.issue.label"] }, effect: "require_approval", approval: { quorum: 3, group: "leads" } },
      ],
    });
    const { verdict, explanation } = decide(policy, requestFor("github.issue.label"));
    expect(verdict.approval?.quorum).toBe(3);
    expect(explanation).toMatchObject({ determiningRules: ["three"], approval: { group: "leads" } });
  });

  it("identifies the decision by policy hash and input digest", () => {
    const a = decide(DEFAULT_POLICY, requestFor("channel.reply", { input: { text: "a" } })).explanation;
    const b = decide(DEFAULT_POLICY, requestFor("channel.reply", { input: { text: "b" } })).explanation;
    const a2 = decide(DEFAULT_POLICY, requestFor("channel.reply", { input: { text: "a" } })).explanation;
    expect(a.decisionId).toMatch(/^pd_[0-9a-f]{24}$/);
    expect(a.decisionId).toBe(a2.decisionId);
    expect(a.inputDigest).not.toBe(b.inputDigest);
  });
});
