import { defineCapability } from "../define.ts";

export const auditCapability = defineCapability({
  kind: "capability",
  meta: {
    key: "control-plane.audit",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["capability", "audit"],
    description: "Read hash-chained traces, replay executions and ask policy to explain a decision.",
    goal: "Gives reviewers and auditors the evidence of what ran and why, without the power to run anything.",
    context:
      "Everything under audit is read-only: replay re-runs the deterministic parts on recorded inputs and outcomes " +
      "and never calls a tool; explain evaluates policy on a hypothetical step and stores nothing.",
  },
});
