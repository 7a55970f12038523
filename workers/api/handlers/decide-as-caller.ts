import type { HandlerContext } from "../handler.ts";
import { approverOf } from "../../approvals/approver.ts";
import { decideStep } from "../../approvals/decide.ts";
import { requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

/** approve and reject through the API: the calling key's principal votes on one step. */
export async function decideAsCaller(ctx: HandlerContext, step: { executionId: string; stepId: string }, decision: "approve" | "reject", comment: string | undefined) {
  const caller = requireCaller(ctx);
  const approver = await approverOf(ctx.db, caller.tenantId, caller.principalId);
  if (!approver) throw new ProblemError(403, "NOT_AN_APPROVER", "The caller's principal is not known to this tenant.");
  return decideStep(ctx.env, ctx.db, {
    tenantId: caller.tenantId,
    executionId: step.executionId,
    stepId: step.stepId,
    decision,
    approver,
    via: "api",
    ...(comment === undefined ? {} : { comment }),
  });
}
