import { executionGet } from "../../../contracts/queries/execution-get.ts";
import { implement, requireCaller } from "../handler.ts";
import { readReach } from "../visibility.ts";
import { ensureStarted } from "./ensure-started.ts";
import { requireExecution } from "./execution-summary.ts";

export const executionGetHandler = implement(executionGet, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const summary = await requireExecution(ctx.db, caller.tenantId, input.executionId, readReach(caller));
  const stub = await ensureStarted(ctx.env, ctx.db, caller.tenantId, summary);
  return stub.view();
});
