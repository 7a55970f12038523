import { z } from "zod";
import { stepEndFields, ToolError } from "../common/steps.ts";
import { defineEvent } from "../define.ts";
import { CompiledStep } from "../plan.ts";

export const StepFailedPayload = z.strictObject({
  ...stepEndFields,
  tool: CompiledStep.shape.tool.optional().describe("Present when the step failed before any call (attempt 0)"),
  attempt: z.number().int().min(0).describe("Attempt that failed; 0 when the step could not be called at all"),
  error: ToolError.nullable().describe("The tool's error; `null` when no call was made"),
});
export type StepFailedPayload = z.infer<typeof StepFailedPayload>;

export const executionStepFailed = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.step.failed",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "step", "trace"],
    description: "A step ended `failed`: its tool call failed for good, or the step could not be called.",
    goal: "Records the final failure of a step with the tool's error and everything it took down with it.",
    context:
      "Emitted when the error is not retryable, the attempts are exhausted (RETRIES_EXHAUSTED), the execution " +
      "was cancelled meanwhile, or a `$ref` could not be resolved (attempt 0). A retryable failure with attempts " +
      "left emits controlPlane.execution.step.retry_scheduled instead. Dependent steps are skipped in this event.",
  },
  payload: StepFailedPayload,
});
