import type { ExecutionStatus, StepState } from "./state.ts";
import { isTerminalStep } from "./state.ts";
import { type Work, emit } from "./work.ts";

/** Derives the execution status from its steps; on reaching a final one, says so once. */
export function settle(work: Work): void {
  const state = work.state;
  if (state.status === "cancelled") return;
  const steps = state.steps;
  const progressing = steps.some((s) => s.state === "running" || s.state === "ready" || isRetryWaiting(s));
  if (progressing) {
    state.status = "running";
    return;
  }
  if (steps.some((s) => s.state === "waiting_approval")) {
    state.status = "waiting_approval";
    return;
  }
  // Skipping propagates in the same transition as the failure, so a non-final step here would be a bug.
  if (!steps.every((s) => isTerminalStep(s.state))) {
    state.status = "running";
    return;
  }
  const status: ExecutionStatus = steps.every((s) => s.state === "succeeded") ? "succeeded" : "failed";
  state.status = status;
  state.endedAt = work.now;
  const counts = countByState(steps);
  if (status === "succeeded") {
    emit(work, "controlPlane.execution.completed", null, { status, counts });
    work.effects.push({ kind: "completed", status });
  } else {
    const failedSteps = steps.filter((s) => s.state === "failed").map((s) => s.stepId);
    emit(work, "controlPlane.execution.failed", null, { status, counts, failedSteps });
    work.effects.push({ kind: "completed", status });
  }
}

export function isRetryWaiting(step: StepState): boolean {
  return step.state === "pending" && step.nextAttemptAt !== null;
}

export function countByState(steps: readonly StepState[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of steps) counts[s.state] = (counts[s.state] ?? 0) + 1;
  return counts;
}

/** The earliest waiting retry, if any: when the shell must feed `wake` next. */
export function nextWakeAt(steps: readonly StepState[]): string | null {
  let best: string | null = null;
  for (const s of steps) {
    if (!isRetryWaiting(s) || s.nextAttemptAt === null) continue;
    if (best === null || Date.parse(s.nextAttemptAt) < Date.parse(best)) best = s.nextAttemptAt;
  }
  return best;
}
