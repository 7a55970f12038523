import type { RuleMatch } from "../../contracts/policy/document.ts";
import type { PinnedPolicy } from "./decide.ts";
import { evaluateConditions } from "./conditions.ts";
import type { PolicyRequest } from "./request.ts";

/** A request before its arguments and moment are known: what a tool listing can judge. */
export type ToolRequest = Omit<PolicyRequest, "input" | "at">;

/**
 * Whether some arguments, at some time, could get a step of this tool past the policy (autonomously or
 * through approval). Argument and time-window conditions are left open, everything else (tool, tags,
 * side effects, risk, actor, roles, channel, tenant) is judged: the tool is out when no permit can apply,
 * or a deny applies whatever the arguments and the time. The same rules as `decide`, which still judges
 * every actual call.
 */
export function couldAllow(policy: PinnedPolicy, request: ToolRequest): boolean {
  if (request.tool === null) return false;
  let permitPossible = false;
  for (const rule of policy.document.rules) {
    const open = rule.match.args !== undefined || rule.match.timeWindow !== undefined;
    const { args: _args, timeWindow: _window, ...fixed } = rule.match;
    const outcomes = evaluateConditions(fixed satisfies RuleMatch, { ...request, input: {} }).map((c) => c.outcome);
    if (rule.effect === "deny") {
      // A deny applies on `unknown` too (fail closed), so only its open conditions can spare the tool.
      if (!open && !outcomes.includes("no_match")) return false;
      continue;
    }
    if (outcomes.every((o) => o === "match")) permitPossible = true;
  }
  return permitPossible;
}
