import type { ExecutionDetail } from "../../../contracts/common/execution.ts";
import { executionGet } from "../../../contracts/queries/execution-get.ts";
import type { OpenedArchive } from "../../../engine/trace-archive.ts";
import { refuseArchive } from "../../trace/archived-trace.ts";
import { implement, requireCaller } from "../handler.ts";
import { readReach } from "../visibility.ts";
import { ensureStartedIndexed } from "./ensure-started.ts";
import { executionStub } from "./execution-stub.ts";
import { requireIndexedExecution } from "./execution-summary.ts";

export const executionGetHandler = implement(executionGet, async (input, ctx) => {
  const caller = requireCaller(ctx);
  // One read of the index row: visibility and archive.
  const indexed = await requireIndexedExecution(ctx.db, caller.tenantId, input.executionId, readReach(caller));
  const { summary, archive: ref } = indexed;
  // An archived execution is shown from its archive (checked against the index row), by its emptied object.
  if (ref !== undefined) {
    const request = { tenantId: caller.tenantId, executionId: input.executionId, ref, status: summary.status };
    const read = JSON.parse(await executionStub(ctx.env, input.executionId).archivedViewJson(request)) as { view: ExecutionDetail } | { archive: Extract<OpenedArchive, { ok: false }> };
    return "view" in read ? read.view : refuseArchive(ctx.db, { tenantId: caller.tenantId, executionId: input.executionId, traceId: summary.traceId }, ref, read.archive);
  }
  const stub = await ensureStartedIndexed(ctx.env, ctx.db, caller.tenantId, indexed);
  return stub.view();
});
