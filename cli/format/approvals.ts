import type { ApprovalDecideBulkOutput } from "../../contracts/commands/approval-decide-bulk.ts";
import type { PendingApproval } from "../../contracts/common/pending-approval.ts";
import { orDash, table } from "./table.ts";

export function approvalsTable(items: readonly PendingApproval[]): string {
  return table(
    ["EXECUTION", "STEP", "TOOL", "APPROVALS", "GROUPS", "DEADLINE", "REASON"],
    items.map((a) => [
      a.executionId,
      a.stepId,
      `${a.tool.key}@${a.tool.version}`,
      `${a.approvals.length}/${a.quorum}`,
      a.groups.join(","),
      a.deadline,
      a.reason,
    ]),
    "nothing waits for approval",
  );
}

export function decisionsTable(results: ApprovalDecideBulkOutput["results"]): string {
  return table(
    ["EXECUTION", "STEP", "RESULT", "STEP STATE"],
    results.map((r) => [r.executionId, r.stepId, r.ok ? "ok" : `refused ${orDash(r.code)}`, orDash(r.stepState)]),
  );
}
