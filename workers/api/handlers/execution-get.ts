import type { ExecutionDetail } from "../../../contracts/common/execution.ts";
import { executionGet } from "../../../contracts/queries/execution-get.ts";
import type { OpenedArchive } from "../../../engine/trace-archive.ts";
import { archiveRefOf, refuseArchive } from "../../trace/archived-trace.ts";
import { implement, requireCaller } from "../handler.ts";
import { readReach } from "../visibility.ts";
import { ensureStarted } from "./ensure-started.ts";
import { executionStub } from "./execution-stub.ts";
import { requireExecution } from "./execution-summary.ts";

export const executionGetHandler = implement(executionGet, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const summary = await requireExecution(ctx.db, caller.tenantId, input.executionId, readReach(caller));
  // An archived execution is shown from its archive (checked against the index row), by its emptied object.
  const ref = await archiveRefOf(ctx.db, caller.tenantId, input.executionId, readReach(caller));
  if (ref !== undefined) {
    const request = { tenantId: caller.tenantId, executionId: input.executionId, ref, status: summary.status };
    const read = JSON.parse(await executionStub(ctx.env, input.executionId).archivedViewJson(request)) as { view: ExecutionDetail } | { archive: Extract<OpenedArchive, { ok: false }> };
    return "view" in read ? read.view : refuseArchive(ctx.db, { tenantId: caller.tenantId, executionId: input.executionId, traceId: summary.traceId }, ref, read.archive);
  }
  const stub = await ensureStarted(ctx.env, ctx.db, caller.tenantId, summary);
  return stub.view();
});
