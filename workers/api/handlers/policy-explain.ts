import { policyExplain } from "../../../contracts/queries/policy-explain.ts";
import { explainStep } from "../../policy/explain.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

export const policyExplainHandler = implement(policyExplain, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const actor = input.actor ?? { type: "human" as const, id: caller.principalId };
  const explained = await explainStep(ctx.db, caller.tenantId, { tool: input.tool, input: input.input, actor, channel: input.channel, at: ctx.now.toISOString() });
  if (!explained) throw new ProblemError(404, "UNKNOWN_TOOL", `No tool ${input.tool} is available to this tenant.`);
  const { tool, decision } = explained;
  return { tool: { key: tool.key, version: tool.version }, toolRisk: tool.risk, decision: decision.verdict, explanation: decision.explanation };
});
