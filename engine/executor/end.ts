import { descendantsOf } from "./graph.ts";
import type { ExecutionEventType } from "./events.ts";
import { type StepReason, type StepState, isTerminalStep } from "./state.ts";
import { type Work, emit, stepOf, update } from "./work.ts";

/**
 * Ends a step without success and skips everything downstream of it, in one event: the trace has no
 * per-step "skipped" event, so the cause carries the list.
 */
export function failStep(
  work: Work,
  step: StepState,
  reason: StepReason,
  type: ExecutionEventType,
  payload: Record<string, unknown>,
): void {
  update(work, step, { state: "failed", reason, nextAttemptAt: null });
  const skippedSteps: string[] = [];
  for (const id of descendantsOf(work.graph, step.stepId)) {
    const child = stepOf(work, id);
    if (isTerminalStep(child.state)) continue;
    update(work, child, {
      state: "skipped",
      nextAttemptAt: null,
      reason: { code: "DEPENDENCY_NOT_SUCCEEDED", message: `${step.key} did not succeed` },
    });
    skippedSteps.push(id);
  }
  emit(work, type, step.stepId, { key: step.key, ...payload, reason, skippedSteps });
}
