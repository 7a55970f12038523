import { describe, expect, it } from "vitest";
import { builtinTools } from "../../contracts/tools/index.ts";
import { DEFAULT_POLICY_DOCUMENT } from "../../engine/policy/default.ts";
import { POLICY_SCHEMA } from "../../contracts/policy/document.ts";
import { checkPublish } from "../../engine/policy/publish-check.ts";

const doc = (rules: unknown[]) => ({ schema: POLICY_SCHEMA, name: "t", rules });

describe("publish-time checks", () => {
  it("accepts the default policy", () => {
    expect(checkPublish(DEFAULT_POLICY_DOCUMENT, builtinTools)).toMatchObject({ ok: true });
  });

  it("refuses an allow rule for a high-risk tool and names the rule", () => {
    const result = checkPublish(doc([{ id: "close-freely", match: { tools: ["github.issue.close"] }, effect: "allow" }]), builtinTools);
    expect(result).toMatchObject({ ok: false, code: "POLICY_HIGH_RISK_AUTONOMOUS" });
    if (result.ok) throw new Error("unreachable");
    expect(result.message).toContain("close-freely");
    expect(result.problems[0]).toMatchObject({ path: "rules.0" });
    expect(result.problems[0]?.message).toContain("github.issue.close");
  });

  it("refuses allow rules that could reach high risk: no risk filter, wildcards, unknown tools, raising to high", () => {
    for (const rule of [
      { id: "all", effect: "allow" },
      { id: "github-star", match: { tools: ["github.*"], risks: ["low", "high"] }, effect: "allow" },
      { id: "skill", match: { tools: ["acme/x/y"] }, effect: "allow" },
      { id: "raise", match: { risks: ["low"] }, effect: "allow", tier: "high" },
      { id: "override-low", match: { tags: ["github"] }, effect: "require_approval", tier: "low", override: { reason: "a long enough reason" } },
    ]) {
      const result = checkPublish(doc([rule]), builtinTools);
      expect(result, rule.id).toMatchObject({ ok: false, code: "POLICY_HIGH_RISK_AUTONOMOUS" });
    }
  });

  it("accepts allow rules limited to low and medium risk or to named non-high tools", () => {
    expect(checkPublish(doc([{ id: "a", match: { risks: ["low", "medium"] }, effect: "allow" }]), builtinTools).ok).toBe(true);
    expect(checkPublish(doc([{ id: "b", match: { tools: ["github.issue.label"] }, effect: "allow" }]), builtinTools).ok).toBe(true);
  });

  it("refuses invalid documents with field errors: code strings, unknown fields, duplicate ids", () => {
    const invalid = [
      doc([{ id: "x", match: { tools: ["channel.reply"] }, effect: "allow", when: "() => true" }]),
      doc([{ id: "x", effect: "allow", match: { risks: ["low"] } }, { id: "x", effect: "deny" }]),
      doc([{ id: "x", effect: "deny", tier: "high" }]),
      doc([{ id: "x", effect: "allow", match: { args: [{ path: "a", op: "eval", value: "1" }] } }]),
      { ...doc([]), schema: "other" },
    ];
    for (const candidate of invalid) {
      const result = checkPublish(candidate, builtinTools);
      expect(result).toMatchObject({ ok: false, code: "POLICY_INVALID" });
      if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
    }
  });
});
