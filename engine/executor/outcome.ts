import { digestOf } from "../hash.ts";
import { failStep } from "./end.ts";
import type { Ignored } from "./ignored.ts";
import type { ToolOutcomeInput } from "./input.ts";
import { addMs, retryDelayMs } from "./retry.ts";
import { isTerminalExecution } from "./state.ts";
import { type Work, emit, stepOf, update } from "./work.ts";

/** Records the result of the latest attempt of a running step; anything else is reported and ignored. */
export function applyOutcome(work: Work, input: ToolOutcomeInput): Ignored | null {
  if (!work.graph.byId.has(input.stepId)) return { code: "UNKNOWN_STEP", message: `no step ${input.stepId} in the plan` };
  const step = stepOf(work, input.stepId);
  if (step.state !== "running" || input.attempt !== step.attempts) {
    const about = `${step.key} attempt ${input.attempt} (latest ${step.attempts}, ${step.state})`;
    if (isTerminalExecution(work.state.status)) return { code: "EXECUTION_FINISHED", message: `execution is ${work.state.status}: ${about}` };
    if (input.attempt < 1 || input.attempt > step.attempts) return { code: "UNKNOWN_ATTEMPT", message: `never started: ${about}` };
    if (input.attempt < step.attempts) return { code: "STALE_ATTEMPT", message: `superseded: ${about}` };
    return { code: "DUPLICATE_OUTCOME", message: `already recorded: ${about}` };
  }

  const outcome = input.outcome.ok ? { ok: true as const, output: input.outcome.output ?? null } : input.outcome;
  const attempt = input.attempt;
  update(work, step, { lastOutcome: { attempt, at: work.now, outcome } });
  if (outcome.ok) {
    update(work, step, { state: "succeeded", reason: null });
    emit(work, "controlPlane.execution.step.completed", step.stepId, {
      key: step.key,
      attempt,
      outputDigest: digestOf(outcome.output),
    });
    return null;
  }

  const error = {
    code: outcome.code,
    message: outcome.message,
    retryable: outcome.retryable,
    retryAfterMs: outcome.retryAfterMs ?? null,
  };
  const failed = "controlPlane.execution.step.failed";
  const retry = work.state.config.retry;
  if (!outcome.retryable) {
    failStep(work, step, { code: "TOOL_FAILED", message: `${outcome.code}: ${outcome.message}` }, failed, { attempt, error });
  } else if (work.state.status === "cancelled") {
    failStep(work, step, { code: "EXECUTION_CANCELLED", message: "not retried: the execution was cancelled" }, failed, {
      attempt,
      error,
    });
  } else if (attempt >= retry.maxAttempts) {
    const message = `${attempt} of ${retry.maxAttempts} attempts failed; last ${outcome.code}: ${outcome.message}`;
    failStep(work, step, { code: "RETRIES_EXHAUSTED", message }, failed, { attempt, error });
  } else {
    const delayMs = retryDelayMs(retry, attempt, outcome.retryAfterMs);
    const nextAttemptAt = addMs(work.now, delayMs);
    update(work, step, { state: "pending", nextAttemptAt });
    emit(work, "controlPlane.execution.step.retry_scheduled", step.stepId, {
      key: step.key,
      attempt,
      error,
      delayMs,
      nextAttemptAt,
    });
  }
  return null;
}
