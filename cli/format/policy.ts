import type { PolicyView } from "../../contracts/common/policy.ts";
import type { PolicyExplainOutput } from "../../contracts/queries/policy-explain.ts";
import type { PolicyListOutput } from "../../contracts/queries/policy-list.ts";
import { fields, orDash, table } from "./table.ts";

export function policyHead(policy: Omit<PolicyView, "document">): string {
  return fields([
    ["version", `${policy.version}${policy.active ? " (active)" : ""}`],
    ["name", policy.name],
    ["source", policy.source],
    ["hash", policy.hash],
    ["published", `${orDash(policy.publishedAt)} by ${orDash(policy.publishedBy)}`],
  ]);
}

export function policyShow(policy: PolicyView): string {
  return `${policyHead(policy)}\n\n${JSON.stringify(policy.document, null, 2)}`;
}

export function policiesTable(items: PolicyListOutput["items"]): string {
  return table(
    ["VERSION", "ACTIVE", "NAME", "SOURCE", "PUBLISHED", "HASH"],
    items.map((p) => [p.version, p.active ? "yes" : "", p.name, p.source, orDash(p.publishedAt), p.hash.slice(0, 12)]),
  );
}

export function explanation(out: PolicyExplainOutput): string {
  const e = out.explanation;
  const head = fields([
    ["tool", `${out.tool.key}@${out.tool.version} (declared risk ${out.toolRisk})`],
    ["verdict", `${out.decision.verdict}, tier ${out.decision.tier}`],
    ["policy", `${e.policy.version} (${e.policy.hash.slice(0, 12)}…)`],
    ["basis", `${e.basis}${e.determiningRules.length > 0 ? `: ${e.determiningRules.join(", ")}` : ""}`],
    ["approval", e.approval === null ? "-" : JSON.stringify(e.approval)],
    ["reason", out.decision.reason],
  ]);
  const rules = table(
    ["RULE", "EFFECT", "OUTCOME", "APPLIES", "WHY"],
    e.rules.map((r) => [r.ruleId, r.effect, r.outcome, r.applies ? "yes" : "no", r.why]),
    "no rules",
  );
  const missing = e.missingContext.length > 0 ? `\nmissing context: ${e.missingContext.join(", ")}` : "";
  return `${head}\n\n${rules}${missing}`;
}
