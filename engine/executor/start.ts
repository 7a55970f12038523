import { ExecutionConfig } from "./config.ts";
import { checkPlan } from "./graph.ts";
import type { Ignored } from "./ignored.ts";
import type { StartInput } from "./input.ts";
import type { ExecutionState } from "./state.ts";

export type Started = { ok: true; state: ExecutionState } | { ok: false; ignored: Ignored };

/** The state before any step moved; `advance` then evaluates the roots. */
export function initialState(input: StartInput, now: string): Started {
  const plan = checkPlan(input.plan);
  if (!plan.ok) return { ok: false, ignored: { code: "INVALID_PLAN", message: plan.message } };
  const config = ExecutionConfig.safeParse(input.config);
  if (!config.success) return { ok: false, ignored: { code: "INVALID_CONFIG", message: config.error.message } };
  return {
    ok: true,
    state: {
      schemaVersion: 1,
      status: "running",
      plan: input.plan,
      requester: input.requester,
      ...(input.requesterPrincipal === undefined ? {} : { requesterPrincipal: input.requesterPrincipal }),
      config: config.data,
      policy: input.policy,
      startedAt: now,
      updatedAt: now,
      endedAt: null,
      cancelledBy: null,
      steps: input.plan.steps.map((s) => ({
        stepId: s.stepId,
        key: s.key,
        state: "pending",
        attempts: 0,
        verdict: null,
        approval: null,
        input: null,
        lastOutcome: null,
        nextAttemptAt: null,
        reason: null,
      })),
    },
  };
}
