import { executionCancel } from "../../../contracts/commands/execution-cancel.ts";
import { terminalExecutionStatuses } from "../../../contracts/common/status.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { cancelReach, readReach } from "../visibility.ts";
import { ensureStarted } from "./ensure-started.ts";
import { executionSummary, requireExecution } from "./execution-summary.ts";

export const executionCancelHandler = implement(executionCancel, async (input, ctx) => {
  const caller = requireCaller(ctx);
  // What the caller may not see answers 404 (existence does not leak); what it sees but may not stop, 403.
  const seen = readReach(caller);
  const summary = await requireExecution(ctx.db, caller.tenantId, input.executionId, seen);
  const stoppable = cancelReach(caller);
  if (seen.kind === "tenant" && stoppable.kind === "own" && (await executionSummary(ctx.db, caller.tenantId, input.executionId, stoppable)) === undefined) {
    throw new ProblemError(403, "FORBIDDEN", "Cancelling another principal's execution needs an unnarrowed control-plane.admin grant.");
  }
  const stub = await ensureStarted(ctx.env, ctx.db, caller.tenantId, summary);
  const result = await stub.cancel({ type: "service", id: caller.principalId });
  if (result.ignored !== null || (terminalExecutionStatuses as readonly string[]).includes(result.status) && result.status !== "cancelled") {
    throw new ProblemError(409, "EXECUTION_ALREADY_ENDED", `The execution is already ${result.status}.`);
  }
  const view = await stub.view();
  const { channel: _c, actor: _a, replyTo: _r, steps: _s, rejectionReasons: _rr, cancelledBy: _cb, ...rest } = view;
  return rest;
});
