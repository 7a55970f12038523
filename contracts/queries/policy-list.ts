import { z } from "zod";
import { PolicyView } from "../common/policy.ts";
import { defineOperation } from "../define.ts";

export const PolicyListInput = z.strictObject({});

export const PolicyListOutput = z.strictObject({
  items: z.array(PolicyView.omit({ document: true })).describe("The built-in default first, then published versions, oldest first"),
});
export type PolicyListOutput = z.infer<typeof PolicyListOutput>;

export const policyList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.policy.list",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["policy", "audit"],
    description: "List the tenant's policy versions and which one is in force.",
    goal: "Shows the history of a tenant's governance at a glance.",
    context: "Documents are left out; read one with controlPlane.policy.get.",
  },
  input: PolicyListInput,
  output: PolicyListOutput,
  errors: [],
  capability: "control-plane.audit",
  http: { method: "GET", path: "/v1/policies" },
  emits: [],
});
