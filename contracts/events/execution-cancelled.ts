import { z } from "zod";
import { defineEvent } from "../define.ts";
import { Actor } from "../intent.ts";
import { StepId } from "../plan.ts";

export const ExecutionCancelledPayload = z.strictObject({
  by: Actor,
  cancelledSteps: z.array(StepId).describe("Steps that had not started and are now `cancelled`"),
  runningSteps: z.array(StepId).describe("Steps whose tool call was in flight; their outcome is still recorded"),
});
export type ExecutionCancelledPayload = z.infer<typeof ExecutionCancelledPayload>;

export const executionCancelled = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.cancelled",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "trace"],
    description: "A caller cancelled the execution.",
    goal: "Stops further side effects on request and records who stopped them.",
    context:
      "A tool call already in flight cannot be recalled: its completion or failure is still traced, but nothing " +
      "new starts. Pending approvals are withdrawn and their links stop working.",
  },
  payload: ExecutionCancelledPayload,
});
