import type { Actor } from "../../../contracts/intent.ts";
import type { CompiledPlan } from "../../../contracts/plan.ts";
import type { ExecutionConfig } from "../../../engine/executor/config.ts";
import type { InvokeEffect } from "../../../engine/executor/effects.ts";
import type { MachineInput } from "../../../engine/executor/input.ts";
import { type TransitionResult, transition } from "../../../engine/executor/machine.ts";
import { type ExecutionState, isTerminalExecution } from "../../../engine/executor/state.ts";
import { digestOf } from "../../../engine/hash.ts";
import type { PolicyDecider, PolicyRef } from "../../../engine/policy/types.ts";
import { summarizeEvent } from "../../../engine/replay/summarize.ts";
import type { RecordedEvent, RecordedInput } from "../../../engine/replay/types.ts";
import { T0, approver, at, requester } from "../executor/helpers.ts";

export interface Scenario {
  plan: CompiledPlan;
  decide: PolicyDecider;
  policy: PolicyRef;
  config: ExecutionConfig;
  /** Drives every choice the simulated shell and world make; 0 once exhausted, which always makes progress. */
  choices: readonly number[];
}

export interface Recording {
  inputs: RecordedInput[];
  events: RecordedEvent[];
  finalState: ExecutionState;
  /** Per input: whether the machine accepted it. */
  accepted: boolean[];
  /** Problems with the machine's own contract seen while driving it. */
  violations: string[];
}

const MAX_TURNS = 500;

/**
 * A stand-in for the ExecutionDO: feeds the machine, performs effects against a scripted world
 * (outcomes, approvers, alarms, cancels, stray deliveries) and records what the real shell records.
 */
export function simulate(scenario: Scenario): Recording {
  let next = 0;
  const choose = (): number => scenario.choices[next++] ?? 0;
  const inputs: RecordedInput[] = [];
  const events: RecordedEvent[] = [];
  const accepted: boolean[] = [];
  const violations: string[] = [];
  let clock = 0;
  // A box, not a `let`: TypeScript does not see assignments made inside the nested functions.
  const run: { state: ExecutionState | null } = { state: null };
  let inflight: InvokeEffect[] = [];
  let approvals: string[] = [];
  let wakeAt: string | null = null;
  const delivered: MachineInput[] = [];

  const feed = (input: MachineInput): TransitionResult<ExecutionState | null> => {
    const now = at(clock);
    const result: TransitionResult<ExecutionState | null> = transition(run.state, input, now, { decide: scenario.decide });
    inputs.push({ now, input });
    accepted.push(result.ignored === null);
    events.push(...result.events.map(summarizeEvent));
    run.state = result.state;
    if (result.ignored !== null) return result;
    check(result, violations);
    for (const effect of result.effects) {
      if (effect.kind === "invoke") inflight.push(effect);
      if (effect.kind === "request_approval") approvals.push(effect.stepId);
    }
    const wake = result.effects.find((e) => e.kind === "schedule_wake");
    wakeAt = wake?.kind === "schedule_wake" ? wake.at : null;
    return result;
  };

  feed({ kind: "start", plan: scenario.plan, requester, config: scenario.config, policy: scenario.policy });
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const current = run.state;
    if (current === null) break;
    if (isTerminalExecution(current.status) && inflight.length === 0) break;
    clock += 1 + (choose() % 7) * 150;
    const roll = choose() % 20;
    const canCancel = !isTerminalExecution(current.status);
    if (roll === 19 && canCancel) {
      feed({ kind: "cancel", by: approver });
      approvals = [];
    } else if (roll === 18) {
      feed(stray(current, delivered, choose));
    } else if (roll >= 15 && approvals.length > 0) {
      resolveApproval(choose);
    } else if (roll >= 12 && wakeAt !== null) {
      wake(choose);
    } else if (inflight.length > 0) {
      deliver(choose);
    } else if (approvals.length > 0) {
      resolveApproval(choose);
    } else if (wakeAt !== null) {
      wake(choose);
    } else {
      violations.push(`stuck: status ${current.status}, nothing in flight, no approval or retry pending`);
      break;
    }
  }

  function deliver(pick: () => number): void {
    const i = pick() % inflight.length;
    const call = inflight[i];
    if (call === undefined) return;
    inflight = inflight.filter((_, j) => j !== i);
    const kind = pick() % 10;
    const input: MachineInput = {
      kind: "tool_outcome",
      stepId: call.stepId,
      attempt: call.attempt,
      outcome:
        kind < 5
          ? { ok: true, output: { v: pick() } }
          : kind < 8
            ? pick() % 3 === 0
              ? { ok: false, retryable: true, code: "RATE_LIMITED", message: "429", retryAfterMs: pick() * 7 }
              : { ok: false, retryable: true, code: "UNAVAILABLE", message: "503" }
            : { ok: false, retryable: false, code: "BAD_REQUEST", message: `400 #${pick()}` },
    };
    delivered.push(input);
    const r = feed(input);
    if (r.ignored !== null) violations.push(`an outcome for a call in flight was ignored: ${r.ignored.code}`);
  }

  function resolveApproval(pick: () => number): void {
    const i = pick() % approvals.length;
    const stepId = approvals[i];
    if (stepId === undefined) return;
    const d = pick() % 8;
    const by: Actor = d === 7 ? requester : approver;
    const decision = d < 5 || d === 7 ? "approved" : d === 5 ? "rejected" : "expired";
    const r = feed({ kind: "approval_resolved", stepId, decision, by });
    if (r.ignored === null) approvals = approvals.filter((_, j) => j !== i);
    else if (r.ignored.code !== "QUORUM_NOT_MET") violations.push(`approval for a waiting step ignored: ${r.ignored.code}`);
  }

  function wake(pick: () => number): void {
    if (wakeAt === null) return;
    const due = Date.parse(wakeAt) - Date.parse(T0);
    clock = pick() % 5 === 0 ? Math.max(clock, due - 1) : Math.max(clock, due);
    feed({ kind: "wake" });
  }

  const finalState = run.state;
  if (finalState === null) throw new Error("the simulated execution never started");
  if (!isTerminalExecution(finalState.status)) violations.push(`ended ${finalState.status}`);
  return { inputs, events, finalState, accepted, violations };
}

/** Deliveries a real shell sees: duplicates, late attempts, unknown steps. */
function stray(state: ExecutionState, delivered: readonly MachineInput[], pick: () => number): MachineInput {
  const kind = pick() % 3;
  const old = delivered[pick() % Math.max(1, delivered.length)];
  if (kind === 0 && old !== undefined) return old;
  const step = state.steps[pick() % state.steps.length];
  const stepId = kind === 1 && step !== undefined ? step.stepId : "st_ffffffffffffffffffffffff";
  return { kind: "tool_outcome", stepId, attempt: (step?.attempts ?? 0) + 1, outcome: { ok: true, output: null } };
}

/** The invariants a shell relies on, checked on every accepted transition. */
function check(result: TransitionResult<ExecutionState | null>, violations: string[]): void {
  const state = result.state;
  if (state === null) return;
  for (const effect of result.effects) {
    if (effect.kind !== "invoke") continue;
    const step = state.steps.find((s) => s.stepId === effect.stepId);
    const planned = state.plan.steps.find((s) => s.stepId === effect.stepId);
    if (step?.verdict == null) violations.push(`invoke of ${effect.stepId} without a recorded verdict`);
    const v = effect.verdict;
    if (v.verdict === "blocked") violations.push(`invoke of blocked ${effect.stepId}`);
    if (v.verdict === "autonomous" && (v.tier === "high" || planned?.risk === "high")) {
      violations.push(`autonomous invoke of high-risk ${effect.stepId}`);
    }
    if (v.verdict === "approval_required" && step?.approval?.decision !== "approved") {
      violations.push(`invoke of unapproved ${effect.stepId}`);
    }
    const started = result.events.some(
      (e) =>
        e.type === "controlPlane.execution.step.started" &&
        e.stepId === effect.stepId &&
        e.payload.attempt === effect.attempt &&
        digestOf(e.payload.verdict) === digestOf(effect.verdict),
    );
    if (!started) violations.push(`invoke of ${effect.stepId} without its step.started event`);
  }
}
