import type { PolicyVerdict } from "../policy/types.ts";
import type { ExecutionStatus, StepApproval } from "./state.ts";

/**
 * Call the tool. This is the step context the machine mints for a compiled, policy-cleared step: the
 * shell performs it only after persisting the transition that emitted it, and reports the result as a
 * `tool_outcome` with the same `stepId` and `attempt`.
 */
export interface InvokeEffect {
  kind: "invoke";
  planId: string;
  planDigest: string;
  stepId: string;
  key: string;
  tool: { key: string; version: string };
  attempt: number;
  /** Same for every attempt of the step. */
  idempotencyKey: string;
  /** References resolved. */
  input: Record<string, unknown>;
  verdict: PolicyVerdict;
  /** Set when the verdict required approval: who approved, for the tool layer's own quorum check. */
  approval: StepApproval | null;
}

/** Feed `wake` at or after `at`; re-emitted by every transition while a retry waits. */
export interface ScheduleWakeEffect {
  kind: "schedule_wake";
  at: string;
}

/** Ask approvers; the answer comes back as `approval_resolved`. `actionDigest` is what a token must be bound to. */
export interface RequestApprovalEffect {
  kind: "request_approval";
  stepId: string;
  key: string;
  tool: { key: string; version: string };
  input: Record<string, unknown>;
  actionDigest: string;
  verdict: PolicyVerdict;
}

/** The execution reached a final status; emitted once. Outcomes of calls still in flight are still accepted. */
export interface CompletedEffect {
  kind: "completed";
  status: Extract<ExecutionStatus, "succeeded" | "failed" | "cancelled">;
}

export type Effect = InvokeEffect | ScheduleWakeEffect | RequestApprovalEffect | CompletedEffect;
