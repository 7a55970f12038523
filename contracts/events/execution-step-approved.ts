import { z } from "zod";
import { stepEventFields } from "../common/steps.ts";
import { defineEvent } from "../define.ts";
import { Actor } from "../intent.ts";

export const StepApprovedPayload = z.strictObject({
  ...stepEventFields,
  by: Actor.describe("The approval that met the quorum"),
  approvers: z.array(Actor).min(1).describe("Distinct approvers that counted, the requester excluded when the rule says so"),
});
export type StepApprovedPayload = z.infer<typeof StepApprovedPayload>;

export const executionStepApproved = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.step.approved",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "step", "approval", "trace"],
    description: "A held step collected its quorum of approvals and may run.",
    goal: "Records who let a risky step run, approver by approver, so the quorum can be audited.",
    context:
      "Emitted once, when the approval gate resolved the step as approved; `approvers` lists every distinct " +
      "approver that counted. The step becomes `ready` and runs, under the same idempotency key, next.",
  },
  payload: StepApprovedPayload,
});
