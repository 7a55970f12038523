import { z } from "zod";
import { Digest } from "../common/ids.ts";
import { ApprovalRecord, stepEventFields } from "../common/steps.ts";
import { defineEvent } from "../define.ts";
import { CompiledStep } from "../plan.ts";
import { PolicyDecision } from "../policy/decision.ts";

export const StepStartedPayload = z.strictObject({
  ...stepEventFields,
  tool: CompiledStep.shape.tool,
  attempt: z.number().int().min(1).describe("1 for the first call, higher for retries"),
  idempotencyKey: CompiledStep.shape.idempotencyKey,
  verdict: PolicyDecision.describe("The decision the step was cleared with"),
  approval: ApprovalRecord.nullable().describe("The approval that let it run, for steps that needed one"),
  inputDigest: Digest.describe("Digest of the input after `$ref`s were resolved"),
});
export type StepStartedPayload = z.infer<typeof StepStartedPayload>;

export const executionStepStarted = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.step.started",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "step", "trace"],
    description: "A step's tool call is about to be made.",
    goal: "Records, before the side effect, which call with which resolved input and idempotency key is attempted.",
    context:
      "Written before the tool is called, so a crash between the two leaves evidence that the call may have happened. " +
      "Each retry emits it again with a higher attempt and the same idempotency key.",
  },
  payload: StepStartedPayload,
});
