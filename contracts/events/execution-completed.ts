import { z } from "zod";
import { StepCounts } from "../common/steps.ts";
import { defineEvent } from "../define.ts";

export const ExecutionCompletedPayload = z.strictObject({
  status: z.literal("succeeded"),
  counts: StepCounts,
});
export type ExecutionCompletedPayload = z.infer<typeof ExecutionCompletedPayload>;

export const executionCompleted = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.completed",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "trace"],
    description: "Every step of the execution succeeded.",
    goal: "Closes the trace of a successful execution.",
    context: "Terminal: the execution is `succeeded` and no further event follows in its trace. `counts` has every step as succeeded.",
  },
  payload: ExecutionCompletedPayload,
});
