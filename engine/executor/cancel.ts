import type { CancelInput } from "./input.ts";
import { type Work, emit, update } from "./work.ts";

/**
 * Nothing new starts after a cancel. Calls already in flight cannot be recalled: their outcomes are
 * still recorded when they arrive, but never retried.
 */
export function applyCancel(work: Work, input: CancelInput): void {
  const state = work.state;
  const cancelledSteps: string[] = [];
  const runningSteps: string[] = [];
  for (const step of state.steps) {
    if (step.state === "running") runningSteps.push(step.stepId);
    if (step.state !== "pending" && step.state !== "ready" && step.state !== "waiting_approval") continue;
    update(work, step, {
      state: "cancelled",
      nextAttemptAt: null,
      reason: { code: "EXECUTION_CANCELLED", message: `cancelled by ${input.by.type}:${input.by.id}` },
    });
    cancelledSteps.push(step.stepId);
  }
  state.status = "cancelled";
  state.cancelledBy = input.by;
  state.endedAt = work.now;
  emit(work, "controlPlane.execution.cancelled", null, { by: input.by, cancelledSteps, runningSteps });
  work.effects.push({ kind: "completed", status: "cancelled" });
}
