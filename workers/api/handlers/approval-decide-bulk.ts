import { approvalDecideBulk } from "../../../contracts/commands/approval-decide-bulk.ts";
import { approverOf } from "../../approvals/approver.ts";
import { decideStep } from "../../approvals/decide.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

/** One decision per item, in order, each with every per-step check; a refusal is reported, not thrown. */
export const approvalDecideBulkHandler = implement(approvalDecideBulk, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const approver = await approverOf(ctx.db, caller.tenantId, caller.principalId);
  if (!approver) throw new ProblemError(403, "NOT_AN_APPROVER", "The caller's principal is not known to this tenant.");
  const results = [];
  for (const item of input.items) {
    try {
      const decided = await decideStep(ctx.env, ctx.db, {
        tenantId: caller.tenantId,
        ...item,
        decision: input.decision,
        approver,
        via: "bulk",
        ...(input.comment === undefined ? {} : { comment: input.comment }),
      });
      results.push({ ...item, ok: true, code: null, stepState: decided.stepState });
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      results.push({ ...item, ok: false, code: error.code, stepState: null });
    }
  }
  return { results };
});
