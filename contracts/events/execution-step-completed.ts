import { z } from "zod";
import { Digest } from "../common/ids.ts";
import { stepEventFields } from "../common/steps.ts";
import { defineEvent } from "../define.ts";

export const StepCompletedPayload = z.strictObject({
  ...stepEventFields,
  attempt: z.number().int().min(1),
  outputDigest: Digest.describe("Digest of the canonical tool output; the output itself is stored with the outcome"),
});
export type StepCompletedPayload = z.infer<typeof StepCompletedPayload>;

export const executionStepCompleted = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.step.completed",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "step", "trace"],
    description: "A step's tool call succeeded.",
    goal: "Records the outcome that later steps reference and replay reuses instead of calling the tool again.",
    context: "The step is `succeeded`; steps that depended only on succeeded steps become `ready`.",
  },
  payload: StepCompletedPayload,
});
