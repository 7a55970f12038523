import { z } from "zod";
import { StepCounts } from "../common/steps.ts";
import { defineEvent } from "../define.ts";
import { StepId } from "../plan.ts";

export const ExecutionFailedPayload = z.strictObject({
  status: z.literal("failed"),
  counts: StepCounts,
  failedSteps: z.array(StepId).min(1).describe("Steps that ended `failed`; their own events carry the reasons"),
});
export type ExecutionFailedPayload = z.infer<typeof ExecutionFailedPayload>;

export const executionFailed = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.failed",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "trace"],
    description: "The execution ended without every step succeeding.",
    goal: "Closes the trace of a failed execution and says which steps decided the outcome.",
    context:
      "Terminal. Emitted when nothing else can run: independent branches still run to their end before it. " +
      "Side effects of steps that succeeded are not undone.",
  },
  payload: ExecutionFailedPayload,
});
