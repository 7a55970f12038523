import { z } from "zod";
import { Actor } from "../../contracts/intent.ts";
import { CompiledPlan } from "../../contracts/plan.ts";
import { PolicyRef, PolicyVerdict } from "../policy/types.ts";
import { ExecutionConfig } from "./config.ts";
import { ApprovalDecision, ToolOutcome } from "./input.ts";

export const StepStatus = z.enum([
  "pending",
  "ready",
  "running",
  "waiting_approval",
  "succeeded",
  "failed",
  "skipped",
  "cancelled",
]);
export type StepStatus = z.infer<typeof StepStatus>;

export const ExecutionStatus = z.enum(["running", "waiting_approval", "succeeded", "failed", "cancelled"]);
export type ExecutionStatus = z.infer<typeof ExecutionStatus>;

/** Why a step ended without succeeding. */
export const StepReasonCode = z.enum([
  "POLICY_BLOCKED",
  /** The verdict would have let a step run that must never run unattended (high risk, blocked tier). */
  "POLICY_REFUSED",
  "POLICY_ERROR",
  "APPROVAL_REJECTED",
  "APPROVAL_TIMEOUT",
  "REF_UNRESOLVED",
  "TOOL_FAILED",
  "RETRIES_EXHAUSTED",
  "DEPENDENCY_NOT_SUCCEEDED",
  "EXECUTION_CANCELLED",
]);
export type StepReasonCode = z.infer<typeof StepReasonCode>;

export const StepReason = z.object({ code: StepReasonCode, message: z.string() });
export type StepReason = z.infer<typeof StepReason>;

export const RecordedOutcome = z.object({ attempt: z.number().int().min(1), at: z.string(), outcome: ToolOutcome });
export type RecordedOutcome = z.infer<typeof RecordedOutcome>;

export const StepApproval = z.object({
  decision: ApprovalDecision,
  by: Actor,
  /** Distinct approvers that count towards the quorum; empty unless approved. */
  approvers: z.array(Actor),
  at: z.string(),
});
export type StepApproval = z.infer<typeof StepApproval>;

export const StepState = z.object({
  stepId: z.string(),
  key: z.string(),
  state: StepStatus,
  /** Tool calls issued so far; the attempt number of the latest. */
  attempts: z.number().int().min(0),
  /** Set when the step's dependencies succeeded, before anything else can happen to it. */
  verdict: PolicyVerdict.nullable(),
  approval: StepApproval.nullable(),
  /** The step input with references resolved; what the tool is called with and approvers see. */
  input: z.record(z.string(), z.unknown()).nullable(),
  lastOutcome: RecordedOutcome.nullable(),
  /** Set while a retry waits for its time (the step is then `pending`). */
  nextAttemptAt: z.string().nullable(),
  reason: StepReason.nullable(),
});
export type StepState = z.infer<typeof StepState>;

/** Everything the machine knows about one execution. Persist it whole; it is plain JSON. */
export const ExecutionState = z.object({
  schemaVersion: z.literal(1),
  status: ExecutionStatus,
  plan: CompiledPlan,
  requester: Actor,
  /** The requester's principal, pinned at start (StartInput); absent in executions started before it was. */
  requesterPrincipal: Actor.optional(),
  config: ExecutionConfig,
  policy: PolicyRef,
  startedAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().nullable(),
  cancelledBy: Actor.nullable(),
  /** In plan order. */
  steps: z.array(StepState),
});
export type ExecutionState = z.infer<typeof ExecutionState>;

export const terminalStepStatuses: readonly StepStatus[] = ["succeeded", "failed", "skipped", "cancelled"];
export const terminalExecutionStatuses: readonly ExecutionStatus[] = ["succeeded", "failed", "cancelled"];

export function isTerminalStep(status: StepStatus): boolean {
  return terminalStepStatuses.includes(status);
}

export function isTerminalExecution(status: ExecutionStatus): boolean {
  return terminalExecutionStatuses.includes(status);
}
