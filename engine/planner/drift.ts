import type { DraftStep } from "../../contracts/plan.ts";
import { digestOf } from "../hash.ts";
import type { PlanIntentResult } from "../plan-intent.ts";

/** What one model answer planned, as `replay --live` shows it: accepted or the rejection's code, and the draft's steps. */
export interface PlannedOutcome {
  /** null: a plan that compiled and verified; otherwise the rejection's first code (CLARIFICATION_NEEDED, TOOL_NOT_OFFERED, …). */
  code: string | null;
  steps: DraftStep[];
}

export interface DriftDifference {
  path: string;
  recorded: unknown;
  live: unknown;
}

export function plannedOutcome(planned: PlanIntentResult): PlannedOutcome {
  return {
    code: planned.ok ? null : (planned.rejection.reasons[0]?.code ?? "REJECTED"),
    steps: (planned.draft?.steps ?? []).map((s) => ({ key: s.key, tool: s.tool, input: s.input, after: [...s.after] })),
  };
}

/**
 * How the plan from a live answer differs from the plan from the recorded one (model drift): the outcome, then
 * step by step, matched by key: a step on one side only, or a different tool, input or set of `after` edges.
 * Empty when the model would plan the same. Pure.
 */
export function planDrift(recorded: PlannedOutcome, live: PlannedOutcome): DriftDifference[] {
  const out: DriftDifference[] = [];
  if (recorded.code !== live.code) out.push({ path: "outcome", recorded: recorded.code ?? "planned", live: live.code ?? "planned" });
  const before = new Map(recorded.steps.map((s) => [s.key, s]));
  const after = new Map(live.steps.map((s) => [s.key, s]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const key of keys) {
    const r = before.get(key);
    const l = after.get(key);
    if (r === undefined || l === undefined) {
      out.push({ path: `steps.${key}`, recorded: r ?? null, live: l ?? null });
      continue;
    }
    if (r.tool !== l.tool) out.push({ path: `steps.${key}.tool`, recorded: r.tool, live: l.tool });
    if (digestOf(r.input) !== digestOf(l.input)) out.push({ path: `steps.${key}.input`, recorded: r.input, live: l.input });
    const edges = (s: DraftStep) => [...new Set(s.after)].sort();
    if (digestOf(edges(r)) !== digestOf(edges(l))) out.push({ path: `steps.${key}.after`, recorded: edges(r), live: edges(l) });
  }
  return out;
}
