import { defineCapability } from "../define.ts";

export const adminCapability = defineCapability({
  kind: "capability",
  meta: {
    key: "control-plane.admin",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["capability", "admin"],
    description: "Manage a tenant's API keys and their grants.",
    goal: "Keeps the power to create credentials apart from the power to use them.",
    context:
      "An admin can grant a new key only capabilities it holds itself, so admin cannot escalate beyond its own grants. " +
      "The first admin key of a tenant comes from bootstrap, which works only while the tenant has no admin.",
  },
});
