import { evaluate } from "./evaluate.ts";
import { launchReady } from "./launch.ts";
import { nextWakeAt, settle } from "./settle.ts";
import { type Work, stepOf } from "./work.ts";

/**
 * Runs after every accepted input: moves what can move, then derives the status. One pass suffices:
 * only a success makes a step eligible, and nothing here succeeds.
 */
export function advance(work: Work): void {
  if (work.state.status !== "cancelled") {
    for (const step of work.state.steps) {
      if (step.state !== "pending" || step.nextAttemptAt !== null) continue;
      const deps = work.graph.byId.get(step.stepId)?.dependsOn ?? [];
      if (deps.every((id) => stepOf(work, id).state === "succeeded")) evaluate(work, step);
    }
    launchReady(work);
  }
  settle(work);
  const at = nextWakeAt(work.state.steps);
  if (at !== null) work.effects.push({ kind: "schedule_wake", at });
}
