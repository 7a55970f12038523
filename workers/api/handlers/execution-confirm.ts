import { executionConfirm } from "../../../contracts/commands/execution-confirm.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { readReach } from "../visibility.ts";
import { ensureStarted } from "./ensure-started.ts";
import { requireExecution } from "./execution-summary.ts";

const MESSAGES = {
  NOT_REQUESTER: [403, "Only the principal that requested this execution may confirm its plan."],
  PLAN_CHANGED: [409, "That is not the plan awaiting confirmation; read the execution again and confirm what it shows."],
  CONFIRMATION_NOT_PENDING: [409, "This execution is not waiting for confirmation."],
  CONFIRMATION_EXPIRED: [409, "The confirmation window has passed; the plan was cancelled."],
} as const;

export const executionConfirmHandler = implement(executionConfirm, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const summary = await requireExecution(ctx.db, caller.tenantId, input.executionId, readReach(caller));
  const stub = await ensureStarted(ctx.env, ctx.db, caller.tenantId, summary);
  const result = await stub.confirm({ by: { type: caller.principalType, id: caller.principalId }, planDigest: input.planDigest });
  if (!result.ok) {
    const [status, message] = MESSAGES[result.code];
    throw new ProblemError(status, result.code, message);
  }
  const view = await stub.view();
  const { channel: _c, actor: _a, replyTo: _r, steps: _s, rejectionReasons: _rr, cancelledBy: _cb, ...rest } = view;
  return rest;
});
