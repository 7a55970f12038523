import { z } from "zod";
import { PolicyVersion, PolicyView, policyNotFound } from "../common/policy.ts";
import { defineOperation } from "../define.ts";

export const PolicyActivateInput = z.strictObject({
  version: PolicyVersion.describe("The published version to put in force, or `default-1` to return to the defaults"),
  reason: z.string().trim().min(1).max(500).optional().describe("Recorded with the activation"),
});
export type PolicyActivateInput = z.infer<typeof PolicyActivateInput>;

export const policyActivate = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.policy.activate",
    version: "2.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["policy", "governance"],
    description: "Put a published policy version in force for the tenant.",
    goal: "Separates writing policy from enforcing it, and makes rollback one call.",
    context:
      "Executions started afterwards use the new version; running executions keep the version they were pinned to " +
      "at start, so a decision can always be replayed against the policy that made it.",
  },
  input: PolicyActivateInput,
  output: PolicyView,
  errors: [policyNotFound],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/policies/{version}/activate" },
  emits: [],
});
