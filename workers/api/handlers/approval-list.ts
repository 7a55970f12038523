import { approvalList } from "../../../contracts/queries/approval-list.ts";
import { approvalLink, mayDecide } from "../../approvals/links.ts";
import { approverOf } from "../../approvals/approver.ts";
import { pendingGates } from "../../approvals/pending.ts";
import { implement, requireCaller } from "../handler.ts";
import { readReach } from "../visibility.ts";

export const approvalListHandler = implement(approvalList, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const approver = await approverOf(ctx.db, caller.tenantId, caller.principalId);
  const gates = await pendingGates(ctx.env, ctx.db, caller.tenantId);
  const reach = readReach(caller);
  const items = [];
  for (const gate of gates) {
    const eligible = approver !== undefined && mayDecide(gate, approver);
    if (input.mine && !eligible) continue;
    // Without tenant-wide reach: what the caller is asked to decide, and what its own executions wait for.
    if (reach.kind === "own" && !eligible && gate.requester.id !== reach.principalId) continue;
    items.push({
      executionId: gate.executionId,
      stepId: gate.stepId,
      key: gate.key,
      tool: gate.tool,
      input: gate.input,
      actionDigest: gate.actionDigest,
      requester: gate.requester,
      reason: gate.reason,
      groups: gate.groups,
      quorum: gate.spec.quorum,
      excludeRequester: gate.spec.excludeRequester,
      approvals: gate.votes.filter((v) => v.decision === "approve").map((v) => v.approver.id),
      deadline: gate.deadline,
      link: eligible ? await approvalLink(ctx.env, gate, caller.principalId, ctx.now.getTime()) : null,
    });
  }
  return { items };
});
