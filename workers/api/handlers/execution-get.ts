import { executionGet } from "../../../contracts/queries/execution-get.ts";
import { implement, requireCaller } from "../handler.ts";
import { ensureStarted } from "./ensure-started.ts";
import { requireExecution } from "./execution-summary.ts";

export const executionGetHandler = implement(executionGet, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const summary = await requireExecution(ctx.db, tenantId, input.executionId);
  const stub = await ensureStarted(ctx.env, ctx.db, tenantId, summary);
  return stub.view();
});
