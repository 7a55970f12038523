import { z } from "zod";
import { stepEndFields } from "../common/steps.ts";
import { defineEvent } from "../define.ts";
import { Actor } from "../intent.ts";

export const StepRejectedPayload = z.strictObject({
  ...stepEndFields,
  by: Actor.describe("The approver who rejected, or the service actor of the timeout"),
  decision: z.enum(["rejected", "expired"]).describe("`expired` when no decision came before the approval timed out"),
});
export type StepRejectedPayload = z.infer<typeof StepRejectedPayload>;

export const executionStepRejected = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.step.rejected",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "step", "approval", "trace"],
    description: "An approver rejected a held step, or its approval timed out.",
    goal: "Records who said no and why, so the refusal is as accountable as an approval.",
    context:
      "A single rejection decides, whatever the quorum. The step ends `failed` (APPROVAL_REJECTED, or " +
      "APPROVAL_TIMEOUT on timeout) and the steps depending on it are skipped, in this same event.",
  },
  payload: StepRejectedPayload,
});
