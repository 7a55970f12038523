import { z } from "zod";
import { Timestamp } from "../common/ids.ts";
import { stepEventFields } from "../common/steps.ts";
import { defineEvent } from "../define.ts";

export const StepEscalatedPayload = z.strictObject({
  ...stepEventFields,
  level: z.number().int().min(1).describe("1 for the first escalation, then 2, …"),
  approvers: z.array(z.string().min(1).max(200)).min(1).describe("Principal ids or roles now asked"),
  reason: z.enum(["timeout", "manual"]),
  expiresAt: Timestamp.describe("New deadline for a decision"),
});
export type StepEscalatedPayload = z.infer<typeof StepEscalatedPayload>;

export const executionStepEscalated = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.step.escalated",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "step", "approval", "trace"],
    description: "A held step's approval request moved on to further approvers.",
    goal: "Keeps an unanswered approval from stalling an execution silently.",
    context:
      "Happens when the approval timeout passes and policy says `escalate`. Approvals already given still count " +
      "towards the quorum; the step stays `waiting_approval`.",
  },
  payload: StepEscalatedPayload,
});
