import type { CompiledStep } from "../../contracts/plan.ts";
import type { PolicyDecider } from "../policy/types.ts";
import type { Effect } from "./effects.ts";
import type { EventDraft, ExecutionEventType } from "./events.ts";
import { type PlanGraph, planGraph } from "./graph.ts";
import type { ExecutionState, StepState } from "./state.ts";

/**
 * One transition in progress: a private copy of the state that handlers change in place, and what the
 * transition has emitted so far. Nested values (verdicts, outcomes, inputs) are replaced, never mutated,
 * so sharing them with the caller's state is safe.
 */
export interface Work {
  state: ExecutionState;
  graph: PlanGraph;
  now: string;
  nowMs: number;
  decide: PolicyDecider;
  events: EventDraft[];
  effects: Effect[];
  changed: Set<string>;
}

export function beginWork(state: ExecutionState, now: string, decide: PolicyDecider): Work {
  const copy: ExecutionState = { ...state, updatedAt: now, steps: state.steps.map((s) => ({ ...s })) };
  return {
    state: copy,
    graph: planGraph(state.plan),
    now,
    nowMs: Date.parse(now),
    decide,
    events: [],
    effects: [],
    changed: new Set(),
  };
}

/** Throws only on a state inconsistent with its own plan, which no transition produces. */
export function stepOf(work: Work, stepId: string): StepState {
  const i = work.graph.indexOf.get(stepId);
  const step = i === undefined ? undefined : work.state.steps[i];
  if (step === undefined) throw new Error(`execution state has no step ${stepId}`);
  return step;
}

export function plannedOf(work: Work, stepId: string): CompiledStep {
  const step = work.graph.byId.get(stepId);
  if (step === undefined) throw new Error(`plan has no step ${stepId}`);
  return step;
}

export function update(work: Work, step: StepState, changes: Partial<StepState>): void {
  Object.assign(step, changes);
  work.changed.add(step.stepId);
}

export function emit(work: Work, type: ExecutionEventType, stepId: string | null, payload: Record<string, unknown>): void {
  work.events.push(stepId === null ? { type, payload } : { type, stepId, payload });
}

export function changedInPlanOrder(work: Work): string[] {
  return work.graph.steps.filter((s) => work.changed.has(s.stepId)).map((s) => s.stepId);
}
