import { digestOf } from "../hash.ts";
import { failStep } from "./end.ts";
import { clearance } from "./gate.ts";
import { type Work, emit, plannedOf, update } from "./work.ts";

/** Starts ready steps in plan order while slots are free; each start is recorded before its invoke effect. */
export function launchReady(work: Work): void {
  let inFlight = work.state.steps.filter((s) => s.state === "running").length;
  for (const step of work.state.steps) {
    if (step.state !== "ready") continue;
    if (inFlight >= work.state.config.maxInFlight) return;
    const planned = plannedOf(work, step.stepId);
    const cleared = clearance(planned, step);
    const { verdict, input } = step;
    if (!cleared.ok || verdict === null || input === null) {
      const message = cleared.ok ? "no verdict or input" : cleared.message;
      failStep(work, step, { code: "POLICY_REFUSED", message }, "controlPlane.execution.step.blocked", {
        tool: planned.tool,
        verdict,
      });
      continue;
    }
    const attempt = step.attempts + 1;
    update(work, step, { state: "running", attempts: attempt });
    inFlight += 1;
    emit(work, "controlPlane.execution.step.started", step.stepId, {
      key: step.key,
      tool: planned.tool,
      attempt,
      idempotencyKey: planned.idempotencyKey,
      verdict,
      approval: step.approval,
      inputDigest: digestOf(input),
    });
    work.effects.push({
      kind: "invoke",
      planId: work.state.plan.planId,
      planDigest: work.state.plan.digest,
      stepId: step.stepId,
      key: step.key,
      tool: planned.tool,
      attempt,
      idempotencyKey: planned.idempotencyKey,
      input,
      verdict,
      approval: step.approval,
    });
  }
}
