import type { InvokeEffect } from "./effects.ts";
import { nextWakeAt as earliestRetry } from "./settle.ts";
import type { ExecutionState } from "./state.ts";

/**
 * The calls that were started but have no recorded outcome. After an eviction the shell performs these
 * again, with the same attempt and idempotency key, instead of guessing; succeeded steps never appear.
 */
export function inFlight(state: ExecutionState): InvokeEffect[] {
  const calls: InvokeEffect[] = [];
  state.plan.steps.forEach((planned, i) => {
    const step = state.steps[i];
    if (step?.state !== "running" || step.verdict === null || step.input === null) return;
    calls.push({
      kind: "invoke",
      planId: state.plan.planId,
      planDigest: state.plan.digest,
      stepId: step.stepId,
      key: step.key,
      tool: planned.tool,
      attempt: step.attempts,
      idempotencyKey: planned.idempotencyKey,
      input: step.input,
      verdict: step.verdict,
      approval: step.approval,
    });
  });
  return calls;
}

/** When the shell's alarm should next feed `wake`; null when no retry waits. */
export function nextWakeAt(state: ExecutionState): string | null {
  return earliestRetry(state.steps);
}
