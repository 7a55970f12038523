import type { ToolContract } from "../../contracts/tools/define.ts";
import { digestOf } from "../hash.ts";
import { PolicyDocument, type PolicyRule } from "../../contracts/policy/document.ts";
import { isWildcard, toolPatternMatches } from "./tool-pattern.ts";

export type PublishRefusalCode = "POLICY_INVALID" | "POLICY_HIGH_RISK_AUTONOMOUS";

export interface PublishProblem {
  path: string;
  message: string;
}

export type PublishCheck =
  | { ok: true; document: PolicyDocument; hash: string }
  | { ok: false; code: PublishRefusalCode; message: string; problems: PublishProblem[] };

/**
 * Whether a document may be published: it parses, and no rule could let a high-risk step run
 * autonomously. "Could" is judged conservatively, because tools installed later (skills) may be high
 * risk: an `allow` rule, or an override down to `low`, must exclude high risk by `match.risks` or name
 * only registered tools that are not high risk. `tools` is the publishing tenant's registry (built-ins and
 * its active skills), so an installed skill tool is judged by the risk its manifest declares.
 */
export function checkPublish(candidate: unknown, tools: readonly Pick<ToolContract, "key" | "risk">[]): PublishCheck {
  const parsed = PolicyDocument.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      code: "POLICY_INVALID",
      message: "The policy document is not valid.",
      problems: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    };
  }
  const problems: PublishProblem[] = [];
  parsed.data.rules.forEach((rule, i) => {
    const risky = autonomyRisk(rule, tools);
    if (risky !== null) problems.push({ path: `rules.${i}`, message: `rule ${rule.id} ${risky}` });
  });
  if (problems.length > 0) {
    const ids = problems.map((p) => p.message.split(" ")[1]).join(", ");
    return { ok: false, code: "POLICY_HIGH_RISK_AUTONOMOUS", message: `Rule ${ids} could let a high-risk step run autonomously.`, problems };
  }
  return { ok: true, document: parsed.data, hash: digestOf(parsed.data) };
}

function autonomyRisk(rule: PolicyRule, tools: readonly Pick<ToolContract, "key" | "risk">[]): string | null {
  const autonomous = rule.effect === "allow" || (rule.override !== undefined && rule.tier === "low");
  if (!autonomous) return null;
  if (rule.effect === "allow" && rule.tier === "high") return "allows a step it raises to high risk";
  if (rule.match.risks !== undefined && !rule.match.risks.includes("high")) return null;
  const patterns = rule.match.tools;
  if (patterns === undefined) return "matches high-risk tools (narrow it with match.risks [low, medium] or match.tools)";
  for (const pattern of patterns) {
    if (isWildcard(pattern)) return `matches tool pattern ${pattern}, which may cover high-risk tools`;
    const known = tools.filter((t) => toolPatternMatches(pattern, t.key));
    if (known.length === 0) return `names ${pattern}, which is not a registered tool and may be high risk`;
    const high = known.find((t) => t.risk === "high");
    if (high) return `names the high-risk tool ${high.key}`;
  }
  return null;
}
