import type { GrantScope } from "../../contracts/common/grant.ts";
import type { Actor } from "../../contracts/intent.ts";
import type { ToolRegistry } from "../../contracts/tools/index.ts";
import { couldAllow } from "../policy/could-allow.ts";
import type { PinnedPolicy } from "../policy/decide.ts";
import { type DecisionContext, policyTool } from "../policy/decider.ts";
import { stepViolation } from "../policy/grant-scope.ts";
import { latestTools } from "./answer-schema.ts";

/**
 * The tools a model may choose among for this requester: those the grant that submitted the intent admits
 * (its tool narrowing; argument constraints are judged on every actual step) and that the pinned policy could
 * let a model-drafted step of run (engine/policy/could-allow.ts, the rule MCP's tools/list uses). Sorted, so
 * the list recorded in `controlPlane.plan.drafted` is the same whichever order the registry lists tools in.
 * Narrowing the offer only shrinks what a model can name: policy and approvals still judge every step.
 */
export function offeredTools(registry: ToolRegistry, policy: PinnedPolicy, context: DecisionContext, requester: Actor, scope?: GrantScope): string[] {
  return latestTools(registry)
    .filter((tool) => scope === undefined || stepViolation({ ...scope, constraints: null }, tool.key, {}) === null)
    .filter((tool) =>
      couldAllow(policy, {
        tenantId: context.tenantId,
        toolKey: tool.key,
        tool: policyTool(tool),
        actor: { type: requester.type, id: requester.id, roles: context.requesterRoles },
        channel: context.channel,
        draftSource: "model",
      }),
    )
    .map((tool) => tool.key)
    .sort();
}

/** `offered` as a set; absent (answers recorded before offers were) means every tool of the registry. */
export function offerOf(registry: ToolRegistry, offered: readonly string[] | undefined): ReadonlySet<string> {
  return new Set(offered ?? latestTools(registry).map((t) => t.key));
}
