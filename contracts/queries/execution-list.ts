import { z } from "zod";
import { invalidCursor } from "../common/errors.ts";
import { ExecutionSummary } from "../common/execution.ts";
import { Cursor, page, pageLimit } from "../common/pagination.ts";
import { ExecutionStatus } from "../common/status.ts";
import { defineOperation } from "../define.ts";

export const ExecutionListInput = z.strictObject({
  status: ExecutionStatus.optional().describe("Only executions in this status"),
  limit: pageLimit(100, 20),
  cursor: Cursor.optional(),
});
export type ExecutionListInput = z.infer<typeof ExecutionListInput>;

export const ExecutionListOutput = page(ExecutionSummary);
export type ExecutionListOutput = z.infer<typeof ExecutionListOutput>;

export const executionList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.execution.list",
    version: "1.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution"],
    description: "List the tenant's executions, newest first, optionally by status.",
    goal: "Lets operators find running, held or failed work without knowing execution ids.",
    context:
      "Ordered by creation time, newest first, with the execution id breaking ties, so paging is stable while new " +
      "executions arrive. A cursor is only valid with the filters it was issued for. A key without an unnarrowed " +
      "control-plane.audit or control-plane.admin grant lists only the executions its principal requested.",
  },
  input: ExecutionListInput,
  output: ExecutionListOutput,
  errors: [invalidCursor],
  capability: "control-plane.core",
  http: { method: "GET", path: "/v1/executions" },
  emits: [],
});
