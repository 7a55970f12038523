import type { ExecutionDetail, ExecutionSummary } from "../../contracts/common/execution.ts";
import { fields, orDash, table } from "./table.ts";

export function executionsTable(items: readonly ExecutionSummary[]): string {
  return table(
    ["EXECUTION", "STATUS", "CREATED", "TRACE", "PLAN"],
    items.map((e) => [e.executionId, e.status, e.createdAt, e.traceId, orDash(e.planId)]),
    "no executions",
  );
}

/** One execution: its fields, then a row per step with state, verdict and why. */
export function executionDetail(e: ExecutionDetail): string {
  const head = fields([
    ["execution", e.executionId],
    ["status", e.status],
    ["requester", `${e.actor.type}:${e.actor.id} via ${e.channel}`],
    ["trace", e.traceId],
    ["plan", `${orDash(e.planId)} ${e.planDigest === null ? "" : `(digest ${e.planDigest.slice(0, 12)}…)`}`.trim()],
    ["created", e.createdAt],
    ["completed", orDash(e.completedAt)],
  ]);
  const steps = table(
    ["STEP", "KEY", "TOOL", "STATE", "VERDICT", "REASON"],
    e.steps.map((s) => [
      s.stepId,
      s.key,
      `${s.tool.key}@${s.tool.version}`,
      s.state,
      s.verdict === null ? "-" : `${s.verdict.verdict} (${s.verdict.tier})`,
      s.reason?.code ?? s.verdict?.reason ?? "-",
    ]),
    "no steps",
  );
  const rejected = e.rejectionReasons.map((r) => `  - ${JSON.stringify(r)}`);
  return [head, "", steps, ...(rejected.length > 0 ? ["rejection reasons:", ...rejected] : [])].join("\n");
}
