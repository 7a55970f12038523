import { executionReject } from "../../../contracts/commands/execution-reject.ts";
import { approverOf } from "../../approvals/approver.ts";
import { decideStep } from "../../approvals/decide.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

export const executionRejectHandler = implement(executionReject, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const approver = await approverOf(ctx.db, caller.tenantId, caller.principalId);
  if (!approver) throw new ProblemError(403, "NOT_AN_APPROVER", "The caller's principal is not known to this tenant.");
  return decideStep(ctx.env, ctx.db, {
    tenantId: caller.tenantId,
    executionId: input.executionId,
    stepId: input.stepId,
    decision: "reject",
    approver,
    via: "api",
    comment: input.reason,
  });
});
