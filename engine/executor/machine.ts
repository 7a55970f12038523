import type { PolicyDecider } from "../policy/types.ts";
import { advance } from "./advance.ts";
import { applyApproval } from "./approval.ts";
import { applyCancel } from "./cancel.ts";
import type { Effect } from "./effects.ts";
import type { EventDraft } from "./events.ts";
import type { Ignored } from "./ignored.ts";
import type { MachineInput } from "./input.ts";
import { applyOutcome } from "./outcome.ts";
import { initialState } from "./start.ts";
import { type ExecutionState, isTerminalExecution } from "./state.ts";
import { applyWake } from "./wake.ts";
import { type Work, beginWork, changedInPlanOrder, emit } from "./work.ts";

export interface MachineConfig {
  decide: PolicyDecider;
}

export interface TransitionResult<S extends ExecutionState | null = ExecutionState> {
  /** A new object; the state passed in is never modified. Unchanged (the same object) when ignored. */
  state: S;
  /** For the shell to perform, after persisting `state` and `events`. */
  effects: Effect[];
  events: EventDraft[];
  /** Set when the input changed nothing, with why. */
  ignored: Ignored | null;
  /** Steps whose state changed, in plan order, for shells that store steps as rows. */
  changedSteps: string[];
}

/**
 * The executor: a pure function of the previous state, one input, the time and the policy. The same
 * arguments give byte-identical canonical results, which is what replay relies on.
 */
export function transition(state: ExecutionState, input: MachineInput, now: string, config: MachineConfig): TransitionResult;
export function transition(
  state: ExecutionState | null,
  input: MachineInput,
  now: string,
  config: MachineConfig,
): TransitionResult<ExecutionState | null>;
export function transition(
  state: ExecutionState | null,
  input: MachineInput,
  now: string,
  config: MachineConfig,
): TransitionResult<ExecutionState | null> {
  const nowMs = Date.parse(now);
  if (!Number.isFinite(nowMs)) throw new RangeError(`transition: now is not an ISO timestamp: ${now}`);
  const at = new Date(nowMs).toISOString();
  const ignore = (ignored: Ignored) => ({ state, effects: [], events: [], ignored, changedSteps: [] });

  if (input.kind === "start") {
    if (state !== null) return ignore({ code: "ALREADY_STARTED", message: `execution of ${state.plan.planId} already started` });
    const started = initialState(input, at);
    if (!started.ok) return ignore(started.ignored);
    const work = beginWork(started.state, at, config.decide);
    const plan = started.state.plan;
    emit(work, "controlPlane.execution.started", null, {
      planId: plan.planId,
      planDigest: plan.digest,
      intentDigest: plan.intentDigest,
      requester: started.state.requester,
      stepCount: plan.steps.length,
      config: started.state.config,
      policy: started.state.policy,
      ...(input.codeVersion === undefined ? {} : { codeVersion: input.codeVersion }),
    });
    for (const step of work.state.steps) work.changed.add(step.stepId);
    advance(work);
    return finish(work);
  }

  if (state === null) return ignore({ code: "NOT_STARTED", message: `${input.kind} before start` });
  const work = beginWork(state, at, config.decide);
  const ignored = apply(work, input);
  if (ignored !== null) return ignore(ignored);
  advance(work);
  return finish(work);
}

function apply(work: Work, input: Exclude<MachineInput, { kind: "start" }>): Ignored | null {
  switch (input.kind) {
    case "tool_outcome":
      return applyOutcome(work, input);
    case "approval_resolved":
      if (isTerminalExecution(work.state.status)) return finished(work);
      return applyApproval(work, input);
    case "cancel":
      if (isTerminalExecution(work.state.status)) return finished(work);
      applyCancel(work, input);
      return null;
    case "wake":
      if (isTerminalExecution(work.state.status)) return finished(work);
      applyWake(work);
      return null;
  }
}

function finished(work: Work): Ignored {
  return { code: "EXECUTION_FINISHED", message: `execution is ${work.state.status}` };
}

function finish(work: Work): TransitionResult {
  return {
    state: work.state,
    effects: work.effects,
    events: work.events,
    ignored: null,
    changedSteps: changedInPlanOrder(work),
  };
}
