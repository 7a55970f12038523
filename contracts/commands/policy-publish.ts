import { z } from "zod";
import { PolicyView } from "../common/policy.ts";
import { defineOperation } from "../define.ts";
import { PolicyDocument } from "../policy/document.ts";

export const PolicyPublishInput = z.strictObject({
  document: PolicyDocument.describe("The policy: declarative rules only, validated before anything is stored"),
});
export type PolicyPublishInput = z.infer<typeof PolicyPublishInput>;

export const PolicyPublishOutput = PolicyView.extend({
  created: z.boolean().describe("false when the tenant had already published this exact document (same hash)"),
});
export type PolicyPublishOutput = z.infer<typeof PolicyPublishOutput>;

export const policyPublish = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.policy.publish",
    version: "2.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["policy", "governance"],
    description: "Publish a policy document as the tenant's next immutable version.",
    goal: "Makes policy versioned data with a content hash, so every decision names exactly which policy made it.",
    context:
      "Publishing does not activate. The document is normalised (defaults filled in) and hashed; publishing the same " +
      "document again answers the existing version. A rule that could let a high-risk step run autonomously is " +
      "refused with the rule named, so unsafe policy never reaches the executor.",
  },
  input: PolicyPublishInput,
  output: PolicyPublishOutput,
  errors: [
    {
      code: "POLICY_HIGH_RISK_AUTONOMOUS",
      status: 422,
      when: "a rule could let a high-risk step run autonomously; the detail and errors name the rule",
    },
  ],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/policies", successStatus: 201 },
  emits: [],
});
