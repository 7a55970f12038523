import { defineCapability } from "../define.ts";

export const approvalCapability = defineCapability({
  kind: "capability",
  meta: {
    key: "control-plane.approval",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["capability", "approval"],
    description: "Approve or reject steps that policy held for a human decision.",
    goal: "Separates the right to decide on risky steps from the right to request them.",
    context:
      "A holder may decide only on steps whose approval requirement names it (or a role it has), never on steps it " +
      "requested itself. Each decision is recorded in the trace with the approver and the digest of the exact step.",
  },
});
