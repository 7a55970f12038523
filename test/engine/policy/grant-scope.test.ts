import { describe, expect, it } from "vitest";
import type { GrantScope } from "../../../contracts/common/grant.ts";
import type { CompiledStep } from "../../../contracts/plan.ts";
import { channelViolations, isNarrowed, scopedDecider, stepViolation, toolKeyOf } from "../../../engine/policy/grant-scope.ts";
import type { PolicyDecider } from "../../../engine/policy/types.ts";
import { scopeOf, widerThanHeld } from "../../../workers/api/grant-narrowing.ts";

const open: GrantScope = { capability: "control-plane.core", tools: null, channels: null, constraints: null };
const narrow = (fields: Partial<GrantScope>): GrantScope => ({ ...open, ...fields });
const POLICY = { version: "default-1", hash: "a".repeat(64) };

describe("grant scope (pure)", () => {
  it("treats a grant with every dimension null as not narrowed", () => {
    expect(isNarrowed(open)).toBe(false);
    expect(isNarrowed(null)).toBe(false);
    expect(isNarrowed(narrow({ tools: [] }))).toBe(true);
  });

  it("matches tools by key, ignoring a pinned version, and by pattern", () => {
    const scope = narrow({ tools: ["github.issue.*", "channel.reply"] });
    expect(toolKeyOf("github.issue.close@1.0.0")).toBe("github.issue.close");
    expect(stepViolation(scope, "github.issue.close@1.0.0", {})).toBeNull();
    expect(stepViolation(scope, "channel.reply", {})).toBeNull();
    expect(stepViolation(scope, "slack.message.post", {})?.path).toBe("tool");
    // A pinned version cannot smuggle another tool past the pattern.
    expect(stepViolation(scope, "slack.message.post@github.issue.x", {})?.path).toBe("tool");
  });

  it("applies a constraint only to the tools it names, fails closed on missing arguments, and defers references only at the API", () => {
    const scope = narrow({ constraints: [{ tools: ["github.issue.comment"], args: [{ path: "repo", op: "in", values: ["sandbox"] }] }] });
    expect(stepViolation(scope, "github.issue.comment", { repo: "sandbox" })).toBeNull();
    expect(stepViolation(scope, "github.issue.comment", { repo: "prod" })?.path).toBe("input.repo");
    expect(stepViolation(scope, "github.issue.comment", {})?.path).toBe("input.repo");
    expect(stepViolation(scope, "channel.reply", {})).toBeNull();
    const ref = { repo: { $ref: "find.repo" } };
    expect(stepViolation(scope, "github.issue.comment", ref, { deferReferences: true })).toBeNull();
    expect(stepViolation(scope, "github.issue.comment", ref)?.path).toBe("input.repo");
  });

  it("checks the intent's channel and where it replies", () => {
    const scope = narrow({ channels: ["api"] });
    expect(channelViolations(scope, "api", { kind: "none" })).toEqual([]);
    expect(channelViolations(scope, "slack").map((v) => v.path)).toEqual(["channel"]);
    expect(channelViolations(scope, "api", { kind: "github", owner: "a", repo: "b", issueNumber: 1 }).map((v) => v.path)).toEqual(["replyTo.kind"]);
  });

  it("wraps a decider: out of scope is blocked with GRANT_SCOPE_EXCEEDED, in scope is the inner verdict, deterministically", () => {
    const inner: PolicyDecider = () => ({ verdict: "autonomous", tier: "low", reason: "ok", policyVersion: POLICY.version, policyHash: POLICY.hash });
    const step = (key: string) => ({ tool: { key, version: "1.0.0" } }) as CompiledStep;
    const ctx = { planId: "pl_x", requester: { type: "service" as const, id: "s" }, input: {} };
    const decide = scopedDecider(inner, narrow({ tools: ["channel.reply"] }), "api", POLICY);
    expect(decide(step("channel.reply"), ctx).verdict).toBe("autonomous");
    const blocked = decide(step("github.issue.close"), ctx);
    expect(blocked).toMatchObject({ verdict: "blocked", tier: "blocked", policyVersion: "default-1" });
    expect(blocked.reason).toMatch(/^GRANT_SCOPE_EXCEEDED: /);
    expect(decide(step("github.issue.close"), ctx)).toEqual(blocked);
    expect(scopedDecider(inner, null, "api", POLICY)).toBe(inner);
    // A channel outside the scope blocks every step.
    expect(scopedDecider(inner, narrow({ channels: ["api"] }), "slack", POLICY)(step("channel.reply"), ctx).verdict).toBe("blocked");
  });

  it("refuses re-granting wider than held", () => {
    const held = scopeOf({ capability: "control-plane.core", tools: ["github.*"], channels: ["api", "cli"], constraints: [{ args: [{ path: "owner", op: "eq", value: "acme" }] }] });
    const same = scopeOf({ capability: "control-plane.core", tools: ["github.issue.*"], channels: ["api"], constraints: [{ args: [{ path: "owner", op: "eq", value: "acme" }] }] });
    expect(widerThanHeld(same, held)).toBeNull();
    expect(widerThanHeld(scopeOf("control-plane.core"), held)).toMatch(/^tools/);
    expect(widerThanHeld({ ...same, tools: ["*"] }, held)).toMatch(/^tools/);
    expect(widerThanHeld({ ...same, channels: ["slack"] }, held)).toMatch(/^channels/);
    expect(widerThanHeld({ ...same, constraints: null }, held)).toMatch(/^constraints/);
    expect(widerThanHeld(same, open)).toBeNull();
  });
});
