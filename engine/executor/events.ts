/** The trace event types the executor emits; the shell adds chain fields (seq, at, actor, hashes). */
export const EXECUTION_EVENT_TYPES = [
  "controlPlane.execution.started",
  "controlPlane.execution.step.started",
  "controlPlane.execution.step.blocked",
  "controlPlane.execution.step.completed",
  "controlPlane.execution.step.failed",
  "controlPlane.execution.step.retry_scheduled",
  "controlPlane.execution.step.approval_requested",
  "controlPlane.execution.step.approved",
  "controlPlane.execution.step.rejected",
  "controlPlane.execution.completed",
  "controlPlane.execution.failed",
  "controlPlane.execution.cancelled",
] as const;
export type ExecutionEventType = (typeof EXECUTION_EVENT_TYPES)[number];

/** A trace event before the shell chains it. Payloads are plain JSON; replay compares their digests. */
export interface EventDraft {
  type: ExecutionEventType;
  stepId?: string;
  payload: Record<string, unknown>;
}
