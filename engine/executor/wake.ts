import { isRetryWaiting } from "./settle.ts";
import { type Work, update } from "./work.ts";

/** Retries whose time has come become ready; `advance` starts them. */
export function applyWake(work: Work): void {
  for (const step of work.state.steps) {
    if (!isRetryWaiting(step) || step.nextAttemptAt === null) continue;
    if (Date.parse(step.nextAttemptAt) <= work.nowMs) update(work, step, { state: "ready", nextAttemptAt: null });
  }
}
