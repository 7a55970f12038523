import { z } from "zod";
import { PolicyVersion, PolicyView, policyNotFound } from "../common/policy.ts";
import { defineOperation } from "../define.ts";

export const PolicyGetInput = z.strictObject({
  version: z.union([PolicyVersion, z.literal("active")]).describe("A version, or `active` for the policy in force"),
});
export type PolicyGetInput = z.infer<typeof PolicyGetInput>;

export const policyGet = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.policy.get",
    version: "2.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["policy", "audit"],
    description: "Read one policy version of the tenant, or the one in force.",
    goal: "Lets auditors see the exact document a decision's policy hash names.",
    context: "A tenant that never activated a policy has the built-in default in force (`source: default`).",
  },
  input: PolicyGetInput,
  output: PolicyView,
  errors: [policyNotFound],
  capability: "control-plane.audit",
  http: { method: "GET", path: "/v1/policies/{version}" },
  emits: [],
});
