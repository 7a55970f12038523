import type { CompiledPlan, CompiledStep } from "../../contracts/plan.ts";
import { ancestors, findCycle } from "../graph.ts";
import { planDigestOf } from "../ids.ts";

/** Lookups over a plan's DAG, in plan order wherever order shows. */
export interface PlanGraph {
  steps: readonly CompiledStep[];
  byId: ReadonlyMap<string, CompiledStep>;
  indexOf: ReadonlyMap<string, number>;
  children: ReadonlyMap<string, readonly string[]>;
  dependsOn: ReadonlyMap<string, readonly string[]>;
}

export function planGraph(plan: CompiledPlan): PlanGraph {
  const byId = new Map<string, CompiledStep>();
  const indexOf = new Map<string, number>();
  const children = new Map<string, string[]>();
  plan.steps.forEach((step, i) => {
    byId.set(step.stepId, step);
    indexOf.set(step.stepId, i);
    children.set(step.stepId, []);
  });
  for (const step of plan.steps) {
    for (const dep of step.dependsOn) children.get(dep)?.push(step.stepId);
  }
  const dependsOn = new Map(plan.steps.map((s) => [s.stepId, s.dependsOn]));
  return { steps: plan.steps, byId, indexOf, children, dependsOn };
}

/** Every step that depends on `stepId`, directly or not, in plan order. */
export function descendantsOf(graph: PlanGraph, stepId: string): string[] {
  const found = new Set<string>();
  const pending = [...(graph.children.get(stepId) ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (found.has(next)) continue;
    found.add(next);
    pending.push(...(graph.children.get(next) ?? []));
  }
  return inPlanOrder(graph, found);
}

/** Every step `stepId` depends on, directly or not, in plan order. */
export function ancestorsOf(graph: PlanGraph, stepId: string): string[] {
  return inPlanOrder(graph, ancestors(stepId, graph.dependsOn));
}

function inPlanOrder(graph: PlanGraph, ids: ReadonlySet<string>): string[] {
  return graph.steps.filter((s) => ids.has(s.stepId)).map((s) => s.stepId);
}

export type PlanCheck = { ok: true } | { ok: false; message: string };

/**
 * The compiler and verifier guarantee all of this; the executor checks again because it is the last
 * line before side effects, and a malformed DAG would otherwise stall or run steps out of order.
 */
export function checkPlan(plan: CompiledPlan): PlanCheck {
  if (planDigestOf(plan) !== plan.digest) return { ok: false, message: "plan digest does not match its content" };
  const ids = new Set<string>();
  for (const step of plan.steps) {
    if (ids.has(step.stepId)) return { ok: false, message: `step id ${step.stepId} appears twice` };
    ids.add(step.stepId);
  }
  const keys = new Set(plan.steps.map((s) => s.key));
  if (keys.size !== plan.steps.length) return { ok: false, message: "step keys are not unique" };
  for (const step of plan.steps) {
    for (const dep of step.dependsOn) {
      if (!ids.has(dep)) return { ok: false, message: `${step.key} depends on unknown step ${dep}` };
    }
  }
  const edges = new Map(plan.steps.map((s) => [s.stepId, s.dependsOn]));
  const cycle = findCycle([...edges.keys()], edges);
  if (cycle !== undefined) return { ok: false, message: `steps depend on each other in a cycle: ${cycle.join(" → ")}` };
  return { ok: true };
}
