import { z } from "zod";
import { Actor } from "../intent.ts";
import { CompiledStep, StepId } from "../plan.ts";
import { PolicyDecision } from "../policy/decision.ts";
import { Digest, StepKey, Timestamp } from "./ids.ts";
import { StepState } from "./status.ts";

const UpperSnake = z.string().regex(/^[A-Z][A-Z0-9_]*$/).max(100);

/** Why a step ended without succeeding, e.g. POLICY_BLOCKED, APPROVAL_REJECTED, RETRIES_EXHAUSTED. */
export const StepReason = z.strictObject({
  code: UpperSnake.describe(
    "POLICY_BLOCKED, POLICY_REFUSED, POLICY_ERROR, APPROVAL_REJECTED, APPROVAL_TIMEOUT, REF_UNRESOLVED, " +
      "TOOL_FAILED, RETRIES_EXHAUSTED, DEPENDENCY_NOT_SUCCEEDED or EXECUTION_CANCELLED",
  ),
  message: z.string().max(2000),
});
export type StepReason = z.infer<typeof StepReason>;

/** A tool call's error as the tool adapter reported it. */
export const ToolError = z.strictObject({
  code: z.string().min(1).max(200),
  message: z.string().max(2000),
  retryable: z.boolean().describe("Whether a retry could succeed without repeating the effect"),
  retryAfterMs: z.number().int().min(0).nullable().describe("Delay the provider asked for, if any"),
});
export type ToolError = z.infer<typeof ToolError>;

/** The final approval decision on a step. */
export const ApprovalRecord = z.strictObject({
  decision: z.enum(["approved", "rejected", "expired"]),
  by: Actor.describe("Who made the decision final: the last approver, or the timeout's service actor"),
  approvers: z.array(Actor).describe("Distinct approvers that counted towards the quorum; empty unless approved"),
  at: Timestamp,
});
export type ApprovalRecord = z.infer<typeof ApprovalRecord>;

/** One step of an execution as callers see it. */
export const StepView = z.strictObject({
  stepId: StepId,
  key: StepKey,
  tool: CompiledStep.shape.tool,
  dependsOn: z.array(StepId),
  state: StepState,
  attempts: z.number().int().min(0).describe("Tool calls made so far, retries included"),
  verdict: PolicyDecision.nullable().describe("Policy's decision; `null` until the step's dependencies succeeded"),
  approval: ApprovalRecord.nullable(),
  outputDigest: Digest.nullable().describe("Digest of the tool's output once the step succeeded"),
  lastError: ToolError.nullable().describe("Error of the latest failed attempt"),
  nextAttemptAt: Timestamp.nullable().describe("When a scheduled retry is due"),
  reason: StepReason.nullable().describe("Why the step ended without succeeding"),
});
export type StepView = z.infer<typeof StepView>;

/**
 * Fields of every step event's payload. The step id is in the trace envelope (`stepId`); the key is
 * repeated so a payload read alone still says which step it is about.
 */
export const stepEventFields = { key: StepKey };

/** Fields of the events that end a step without success; everything downstream is skipped in the same event. */
export const stepEndFields = {
  key: StepKey,
  reason: StepReason,
  skippedSteps: z.array(StepId).describe("Steps depending on this one, now `skipped`"),
};

/** Step counts by state; states with no step are left out. */
export const StepCounts = z.partialRecord(StepState, z.number().int().min(0));
