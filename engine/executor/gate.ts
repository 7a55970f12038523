import type { CompiledStep } from "../../contracts/plan.ts";
import type { StepState } from "./state.ts";

export type Clearance = { ok: true } | { ok: false; message: string };

/**
 * The one check between a step and its tool call. Policy deciders are swappable, so this holds the
 * invariants no decider may break: a verdict is on record, blocked never runs, approval means approved,
 * and high risk never runs unattended.
 */
export function clearance(planned: CompiledStep, step: StepState): Clearance {
  const verdict = step.verdict;
  if (verdict === null) return { ok: false, message: "no policy verdict is recorded for the step" };
  if (step.input === null) return { ok: false, message: "the step input was never resolved" };
  if (verdict.verdict === "blocked" || verdict.tier === "blocked") return { ok: false, message: "policy blocked the step" };
  if (verdict.verdict === "approval_required") {
    const quorum = verdict.approval?.quorum ?? 1;
    const approval = step.approval;
    return approval?.decision === "approved" && approval.approvers.length >= quorum
      ? { ok: true }
      : { ok: false, message: "the step requires an approval that was not given" };
  }
  if (verdict.tier === "high" || planned.risk === "high") {
    return { ok: false, message: `a high-risk step cannot run autonomously (policy ${verdict.policyVersion} said so; refused)` };
  }
  return { ok: true };
}
