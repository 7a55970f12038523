import type { ExecutionDetail } from "../contracts/common/execution.ts";
import type { ExecutionStatus } from "../contracts/common/status.ts";
import type { CompiledPlan } from "../contracts/plan.ts";
import type { ExecutionState, StepState } from "../engine/executor/state.ts";
import { digestOf } from "../engine/hash.ts";
import type { PlanRejection } from "../engine/plan-intent.ts";
import type { ExecutionIdentity } from "./execution.ts";
import { replyTargetView } from "../runtime/redact.ts";

/** The execution as `controlPlane.execution.get` shows it. */
export function executionView(
  identity: ExecutionIdentity,
  status: ExecutionStatus,
  state: ExecutionState | null,
  rejection: PlanRejection | null,
  /** The compiled plan before the machine holds it (a model-drafted plan awaiting its requester's confirmation). */
  storedPlan: CompiledPlan | null = null,
): ExecutionDetail {
  const plan = state?.plan ?? storedPlan;
  return {
    executionId: identity.executionId,
    intentId: identity.intentId,
    traceId: identity.traceId,
    planId: plan?.planId ?? null,
    planDigest: plan?.digest ?? null,
    status,
    createdAt: identity.createdAt,
    updatedAt: state?.updatedAt ?? identity.createdAt,
    completedAt: state?.endedAt ?? (status === "rejected" ? identity.createdAt : null),
    channel: identity.intent.channel,
    actor: identity.intent.actor,
    replyTo: replyTargetView(identity.intent.replyTo),
    cancelledBy: state?.cancelledBy ?? null,
    steps: state === null ? [] : state.steps.map((step, i) => stepView(step, state.plan.steps[i])),
    rejectionReasons: rejection?.reasons.map((r) => ({ code: r.code, message: r.message.slice(0, 2000) })) ?? [],
  };
}

function stepView(step: StepState, planned: ExecutionState["plan"]["steps"][number] | undefined): ExecutionDetail["steps"][number] {
  if (planned === undefined) throw new Error(`step ${step.stepId} is not in the plan`);
  const outcome = step.lastOutcome?.outcome;
  return {
    stepId: step.stepId,
    key: step.key,
    tool: planned.tool,
    dependsOn: planned.dependsOn,
    state: step.state,
    attempts: step.attempts,
    verdict: step.verdict,
    approval: step.approval,
    outputDigest: outcome?.ok ? digestOf(outcome.output) : null,
    lastError:
      outcome && !outcome.ok
        ? { code: outcome.code, message: outcome.message.slice(0, 2000), retryable: outcome.retryable, retryAfterMs: outcome.retryAfterMs ?? null }
        : null,
    nextAttemptAt: step.nextAttemptAt,
    reason: step.reason,
  };
}

/** What each succeeded step's tool answered, by step key. */
export function stepOutputs(state: ExecutionState | null): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const step of state?.steps ?? []) {
    const outcome = step.lastOutcome?.outcome;
    if (step.state === "succeeded" && outcome?.ok === true) outputs[step.key] = outcome.output;
  }
  return outputs;
}
