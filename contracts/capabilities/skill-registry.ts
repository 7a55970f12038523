import { defineCapability } from "../define.ts";

export const skillRegistryCapability = defineCapability({
  kind: "capability",
  meta: {
    key: "control-plane.skill-registry",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["capability", "skills"],
    description: "Verify, install, list and disable signed skills.",
    goal: "Confines the supply chain of third-party tools to the principals trusted to manage it.",
    context:
      "Installing still requires a manifest signed by a trusted publisher key: the capability grants the right to ask, " +
      "not a way around verification. Disabling takes effect for steps that have not started yet.",
  },
});
