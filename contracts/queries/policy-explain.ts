import { z } from "zod";
import { ToolKey } from "../common/ids.ts";
import { defineOperation } from "../define.ts";
import { Actor, ChannelKind } from "../intent.ts";
import { CompiledStep } from "../plan.ts";
import { PolicyDecision } from "../policy/decision.ts";
import { PolicyExplanation } from "../policy/explanation.ts";
import { RiskTier as ToolRiskTier } from "../tools/define.ts";

export const PolicyExplainInput = z.strictObject({
  tool: ToolKey.describe("Tool key, optionally pinned as `key@version`"),
  input: z.record(z.string(), z.unknown()).describe("Arguments the step would pass to the tool"),
  actor: Actor.optional().describe("Requester to evaluate for; defaults to the caller's principal"),
  channel: ChannelKind.default("api").describe("Channel the request would come from"),
});
export type PolicyExplainInput = z.infer<typeof PolicyExplainInput>;

export const PolicyExplainOutput = z.strictObject({
  tool: CompiledStep.shape.tool.describe("The tool version evaluated"),
  toolRisk: ToolRiskTier.describe("The tool's declared default risk, before policy"),
  decision: PolicyDecision.describe("What policy decides; `reason` is the explanation"),
  explanation: PolicyExplanation.describe("How the active policy reached the decision, from the same evaluation"),
});
export type PolicyExplainOutput = z.infer<typeof PolicyExplainOutput>;

export const policyExplain = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.policy.explain",
    version: "1.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["policy", "audit"],
    description: "Evaluate policy for a hypothetical step and explain what it would decide and why.",
    goal: "Makes governance legible: anyone auditing or writing policy can see why a step runs, waits or is blocked.",
    context:
      "Pure evaluation: nothing is stored, traced or run. Policy is deterministic, so the same tool, input, requester " +
      "and policy (identified by version and hash) give the same decision the executor would reach when the step " +
      "becomes ready. Tools resolve against the caller tenant's registry, the one its executions pin: the built-in " +
      "tools plus its active skills. A POST because the input can be large.",
  },
  input: PolicyExplainInput,
  output: PolicyExplainOutput,
  errors: [{ code: "UNKNOWN_TOOL", status: 404, when: "no tool with this key (and version) is available to the tenant" }],
  capability: "control-plane.audit",
  http: { method: "POST", path: "/v1/policy/explain" },
  emits: [],
});
