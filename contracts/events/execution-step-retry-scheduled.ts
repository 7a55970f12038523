import { z } from "zod";
import { Timestamp } from "../common/ids.ts";
import { stepEventFields, ToolError } from "../common/steps.ts";
import { defineEvent } from "../define.ts";

export const StepRetryScheduledPayload = z.strictObject({
  ...stepEventFields,
  attempt: z.number().int().min(1).describe("The attempt that failed"),
  error: ToolError,
  delayMs: z.number().int().min(0),
  nextAttemptAt: Timestamp.describe("When the next attempt is due"),
});
export type StepRetryScheduledPayload = z.infer<typeof StepRetryScheduledPayload>;

export const executionStepRetryScheduled = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.step.retry_scheduled",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "step", "trace"],
    description: "A failed step will be tried again after a delay.",
    goal: "Makes backoff visible and deterministic: replay sees when and why each retry was planned.",
    context:
      "Emitted instead of controlPlane.execution.step.failed when a retryable attempt fails and attempts remain; " +
      "the step returns to `pending` until `nextAttemptAt`. The retry uses the same idempotency key, and the alarm " +
      "that wakes it is at-least-once, so waking twice starts it once.",
  },
  payload: StepRetryScheduledPayload,
});
