import fc from "fast-check";
import { builtinTools } from "../../contracts/tools/index.ts";
import type { PolicyDocumentInput } from "../../contracts/policy/document.ts";

/** Random policies over the declarative language, for the property tests. */
export const toolKeys = [...builtinTools.map((t) => t.key), "acme/unknown/tool"];
export const rank = { low: 0, medium: 1, high: 2 } as const;
export type Tier = keyof typeof rank;

export const ruleArb = fc.record(
  {
    tools: fc.option(fc.subarray(toolKeys, { minLength: 1 }), { nil: undefined }),
    risks: fc.option(fc.subarray(["low", "medium", "high"] as const, { minLength: 1 }), { nil: undefined }),
    channels: fc.option(fc.subarray(["slack", "github", "api"] as const, { minLength: 1 }), { nil: undefined }),
    roles: fc.option(fc.subarray(["ops", "dev"], { minLength: 1 }), { nil: undefined }),
    textEq: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
    effect: fc.constantFrom("allow", "require_approval", "deny"),
    tier: fc.option(fc.constantFrom("low", "medium", "high") as fc.Arbitrary<Tier>, { nil: undefined }),
    override: fc.boolean(),
    quorum: fc.integer({ min: 1, max: 3 }),
  },
  { requiredKeys: ["effect", "override", "quorum"] },
);

export type RuleGen = typeof ruleArb extends fc.Arbitrary<infer T> ? T : never;

export function toDocument(rules: RuleGen[]): PolicyDocumentInput {
  return {
    schema: "control-plane.policy/1",
    name: "random",
    rules: rules.map((r, i) => ({
      id: `r${i}`,
      match: {
        ...(r.tools ? { tools: r.tools } : {}),
        ...(r.risks ? { risks: [...r.risks] } : {}),
        ...(r.channels ? { channels: [...r.channels] } : {}),
        ...(r.roles ? { actorRoles: r.roles } : {}),
        ...(r.textEq ? { args: [{ path: "text", op: "eq" as const, value: r.textEq }] } : {}),
      },
      effect: r.effect,
      ...(r.effect !== "deny" && r.tier ? { tier: r.tier } : {}),
      ...(r.effect !== "deny" && r.tier && r.override ? { override: { reason: "a test override reason" } } : {}),
      ...(r.effect === "require_approval" ? { approval: { quorum: r.quorum } } : {}),
    })),
  };
}

