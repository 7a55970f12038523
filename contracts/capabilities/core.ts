import { defineCapability } from "../define.ts";

export const coreCapability = defineCapability({
  kind: "capability",
  meta: {
    key: "control-plane.core",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["capability", "execution"],
    description: "Submit intents, compile and verify plans, start, cancel and read executions.",
    goal: "Lets an operator or integration drive the runtime: turn requests into plans and plans into executions.",
    context:
      "Holding core does not bypass governance: every step still goes through policy, and steps that need approval " +
      "wait for an approver holding control-plane.approval. Core alone cannot approve, read traces or install skills.",
  },
});
