import type { Actor } from "../../contracts/intent.ts";
import { failStep } from "./end.ts";
import type { Ignored } from "./ignored.ts";
import type { ApprovalResolvedInput } from "./input.ts";
import { type Work, emit, stepOf, update } from "./work.ts";

/**
 * The approval gate's final answer for one step. Collecting votes is the gate's business; the quorum
 * is checked again here because an approval is what lets a high-risk step run.
 */
export function applyApproval(work: Work, input: ApprovalResolvedInput): Ignored | null {
  if (!work.graph.byId.has(input.stepId)) return { code: "UNKNOWN_STEP", message: `no step ${input.stepId} in the plan` };
  const step = stepOf(work, input.stepId);
  if (step.state !== "waiting_approval") {
    return { code: "STEP_NOT_WAITING_APPROVAL", message: `${step.key} is ${step.state}` };
  }

  if (input.decision === "approved") {
    const rule = step.verdict?.approval ?? { quorum: 1, excludeRequester: true };
    // The requester as asked and as the principal they resolved to at start: one person, excluded either way.
    const requester = [work.state.requester, ...(work.state.requesterPrincipal === undefined ? [] : [work.state.requesterPrincipal])];
    const approvers = distinct(input.approvers ?? [input.by]).filter(
      (a) => !(rule.excludeRequester && requester.some((r) => a.type === r.type && a.id === r.id)),
    );
    if (approvers.length < rule.quorum) {
      const excluded = rule.excludeRequester ? " (the requester does not count)" : "";
      return {
        code: "QUORUM_NOT_MET",
        message: `${step.key} needs ${rule.quorum} approver(s), got ${approvers.length}${excluded}`,
      };
    }
    update(work, step, { state: "ready", approval: { decision: input.decision, by: input.by, approvers, at: work.now } });
    emit(work, "controlPlane.execution.step.approved", step.stepId, { key: step.key, by: input.by, approvers });
    return null;
  }

  update(work, step, { approval: { decision: input.decision, by: input.by, approvers: [], at: work.now } });
  const reason =
    input.decision === "rejected"
      ? { code: "APPROVAL_REJECTED" as const, message: `rejected by ${input.by.type}:${input.by.id}` }
      : { code: "APPROVAL_TIMEOUT" as const, message: "no decision before the approval timed out" };
  failStep(work, step, reason, "controlPlane.execution.step.rejected", { by: input.by, decision: input.decision });
  return null;
}

function distinct(actors: readonly Actor[]): Actor[] {
  const seen = new Set<string>();
  return actors.filter((a) => {
    const id = `${a.type}:${a.id}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
