/**
 * The executor: a pure state machine the ExecutionDO drives. Per input (start, tool_outcome, wake,
 * cancel, approval_resolved) the shell calls `transition(state, input, now, { decide })`, then, in this
 * order: appends `{ now, input }` to its input log, persists `state` and chains `events` into the trace,
 * and only then performs `effects` (invoke tools concurrently, set the alarm, ask approvers, report
 * completion). Replay re-runs the input log; `inFlight(state)` re-issues calls lost to an eviction.
 */
export { DEFAULT_EXECUTION_CONFIG, ExecutionConfig, MAX_DELAY_MS, RetryConfig } from "./config.ts";
export type { CompletedEffect, Effect, InvokeEffect, RequestApprovalEffect, ScheduleWakeEffect } from "./effects.ts";
export { EXECUTION_EVENT_TYPES, type EventDraft, type ExecutionEventType } from "./events.ts";
export type { Ignored, IgnoredCode } from "./ignored.ts";
export {
  ApprovalDecision,
  ApprovalResolvedInput,
  CancelInput,
  MachineInput,
  StartInput,
  ToolOutcome,
  ToolOutcomeInput,
  WakeInput,
} from "./input.ts";
export { type MachineConfig, type TransitionResult, transition } from "./machine.ts";
export { inFlight, nextWakeAt } from "./queries.ts";
export { resolveRefs } from "./refs.ts";
export { retryDelayMs } from "./retry.ts";
export {
  ExecutionState,
  ExecutionStatus,
  StepReason,
  StepReasonCode,
  StepState,
  StepStatus,
  isTerminalExecution,
  isTerminalStep,
} from "./state.ts";
