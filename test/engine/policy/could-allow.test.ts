import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POLICY_SCHEMA, PolicyDocument, type PolicyDocumentInput } from "../../../contracts/policy/document.ts";
import { builtinTools } from "../../../contracts/tools/index.ts";
import { couldAllow, type ToolRequest } from "../../../engine/policy/could-allow.ts";
import { decide, type PinnedPolicy } from "../../../engine/policy/decide.ts";
import { policyTool } from "../../../engine/policy/decider.ts";
import { DEFAULT_POLICY } from "../../../engine/policy/default.ts";

const pinned = (rules: PolicyDocumentInput["rules"]): PinnedPolicy => ({
  ref: { version: "t", hash: "b".repeat(64) },
  document: PolicyDocument.parse({ schema: POLICY_SCHEMA, name: "t", rules }),
});

function request(toolKey: string, actor: ToolRequest["actor"] = { type: "agent", id: "pr_agent", roles: [] }): ToolRequest {
  const tool = builtinTools.find((t) => t.key === toolKey);
  return { tenantId: "t1", toolKey, tool: policyTool(tool), actor, channel: "mcp" };
}

describe("couldAllow (what a tool listing shows)", () => {
  it("lists every known tool under the default policy and no unknown one", () => {
    for (const tool of builtinTools) expect(couldAllow(DEFAULT_POLICY, request(tool.key))).toBe(true);
    expect(couldAllow(DEFAULT_POLICY, { ...request("http.request"), toolKey: "nope", tool: null })).toBe(false);
  });

  it("hides a tool denied whatever its arguments, and one no permit can reach", () => {
    const policy = pinned([
      { id: "no-close", match: { tools: ["github.issue.close"] }, effect: "deny" },
      { id: "humans-post", match: { tools: ["slack.message.post"], actorTypes: ["human"] }, effect: "allow", tier: "medium" },
      { id: "mcp-only-elsewhere", match: { tools: ["github.issue.label"], channels: ["slack"] }, effect: "require_approval" },
      { id: "low", match: { risks: ["low"] }, effect: "allow" },
    ]);
    expect(couldAllow(policy, request("github.issue.close"))).toBe(false);
    expect(couldAllow(policy, request("slack.message.post"))).toBe(false);
    expect(couldAllow(policy, request("slack.message.post", { type: "human", id: "pr_h", roles: [] }))).toBe(true);
    expect(couldAllow(policy, request("github.issue.label"))).toBe(false);
    expect(couldAllow(policy, request("channel.reply"))).toBe(true);
  });

  it("keeps a tool whose deny or permit depends on arguments or the time: some call could still pass", () => {
    const policy = pinned([
      { id: "no-prod", match: { tools: ["github.issue.close"], args: [{ path: "repo", op: "eq", value: "prod" }] }, effect: "deny" },
      { id: "nights", match: { tools: ["github.issue.comment"], timeWindow: { from: "22:00", to: "06:00" } }, effect: "deny" },
      { id: "sandbox-labels", match: { tools: ["github.issue.label"], args: [{ path: "repo", op: "eq", value: "sandbox" }] }, effect: "require_approval" },
      { id: "the-rest", match: { tools: ["github.issue.close", "github.issue.comment"] }, effect: "require_approval" },
    ]);
    for (const key of ["github.issue.close", "github.issue.comment", "github.issue.label"]) expect(couldAllow(policy, request(key))).toBe(true);
    // ...and decide still judges each call: the listed close is blocked for prod.
    const prod = decide(policy, { ...request("github.issue.close"), input: { owner: "a", repo: "prod", number: 1 }, at: "2026-01-01T12:00:00Z" });
    expect(prod.verdict.verdict).toBe("blocked");
  });

  it("follows roles: a permit for a group lists the tool only for its members", () => {
    const policy = pinned([{ id: "ops-close", match: { tools: ["github.issue.close"], actorRoles: ["ops"] }, effect: "require_approval" }]);
    expect(couldAllow(policy, request("github.issue.close"))).toBe(false);
    expect(couldAllow(policy, request("github.issue.close", { type: "agent", id: "pr_a", roles: ["ops"] }))).toBe(true);
  });
});

describe("couldAllow is sound: a tool it hides is blocked for every call", () => {
  const tools = ["github.issue.comment", "github.issue.close", "channel.reply"];
  const rule = fc.record(
    {
      effect: fc.constantFrom("allow", "require_approval", "deny"),
      tools: fc.option(fc.subarray(tools, { minLength: 1 }), { nil: undefined }),
      actorTypes: fc.option(fc.subarray(["agent", "human"] as const, { minLength: 1 }), { nil: undefined }),
      channels: fc.option(fc.subarray(["mcp", "api"] as const, { minLength: 1 }), { nil: undefined }),
      repo: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
      night: fc.boolean(),
    },
    { requiredKeys: ["effect", "night"] },
  );

  it("holds for generated policies, tools, arguments and times", () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 5 }), fc.constantFrom(...tools), fc.constantFrom("a", "b", undefined), fc.boolean(), (rules, toolKey, repo, atNight) => {
        const policy = pinned(
          rules.map((r, i) => ({
            id: `r${i}`,
            effect: r.effect,
            match: {
              ...(r.tools === undefined ? {} : { tools: r.tools }),
              ...(r.actorTypes === undefined ? {} : { actorTypes: r.actorTypes }),
              ...(r.channels === undefined ? {} : { channels: r.channels }),
              ...(r.repo === undefined ? {} : { args: [{ path: "repo", op: "eq" as const, value: r.repo }] }),
              ...(r.night ? { timeWindow: { from: "22:00", to: "06:00" } } : {}),
            },
          })),
        );
        const listing = request(toolKey);
        const input = repo === undefined ? {} : { repo };
        const decided = decide(policy, { ...listing, input, at: atNight ? "2026-01-01T23:00:00Z" : "2026-01-01T12:00:00Z" });
        if (decided.verdict.verdict !== "blocked") expect(couldAllow(policy, listing)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
