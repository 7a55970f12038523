import { policyExplain } from "../../../contracts/queries/policy-explain.ts";
import { decide } from "../../../engine/policy/decide.ts";
import { policyTool } from "../../../engine/policy/decider.ts";
import { rolesOf } from "../../policy/groups.ts";
import { activePolicy } from "../../policy/store.ts";
import { tenantToolRegistry } from "../../skills/tenant-tool-registry.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

/**
 * The very function the executor's decider calls, on the tenant's active policy and the tenant's registry
 * (built-ins plus its active skills, what an execution started now would pin): explain cannot drift from decide.
 */
export const policyExplainHandler = implement(policyExplain, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const tool = (await tenantToolRegistry(ctx.db, caller.tenantId)).resolve(input.tool);
  if (!tool) throw new ProblemError(404, "UNKNOWN_TOOL", `No tool ${input.tool} is available to this tenant.`);
  const actor = input.actor ?? { type: "human" as const, id: caller.principalId };
  const active = await activePolicy(ctx.db, caller.tenantId);
  const { verdict, explanation } = decide(active.pinned, {
    tenantId: caller.tenantId,
    toolKey: tool.key,
    tool: policyTool(tool),
    input: input.input,
    actor: { type: actor.type, id: actor.id, roles: await rolesOf(ctx.db, caller.tenantId, actor.id) },
    channel: input.channel,
    at: ctx.now.toISOString(),
  });
  return { tool: { key: tool.key, version: tool.version }, toolRisk: tool.risk, decision: verdict, explanation };
});
