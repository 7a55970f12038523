import { executionReplay } from "../../../contracts/commands/execution-replay.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { ALERT_DIFFERENCES, recordDriftAlert } from "../../drift/record-alert.ts";
import { ensureStarted } from "./ensure-started.ts";
import { replayOf } from "./execution-rpc.ts";
import { requireExecution } from "./execution-summary.ts";

export const executionReplayHandler = implement(executionReplay, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const summary = await requireExecution(ctx.db, tenantId, input.executionId);
  const stub = await ensureStarted(ctx.env, ctx.db, tenantId, summary);
  const { chain, report, codeVersion } = await replayOf(stub);
  const where = { tenantId, executionId: input.executionId, traceId: summary.traceId };
  if (!chain.ok) {
    await recordDriftAlert(ctx.db, { ...where, kind: "trace_chain_broken", detail: { brokenAtSeq: chain.brokenAt, reason: chain.reason } });
    throw new ProblemError(409, "TRACE_CHAIN_BROKEN", `The trace breaks at seq ${chain.brokenAt}: ${chain.reason}`);
  }
  if (report === undefined) throw new Error("a replay with a sound chain came back without a report");
  if (report.outcome === "diff") {
    await recordDriftAlert(ctx.db, { ...where, kind: "replay_divergence", detail: { differences: report.differences.slice(0, ALERT_DIFFERENCES) } });
  }
  return { executionId: input.executionId, ...report, codeVersion: codeVersionReport(codeVersion ?? { recorded: null, current: null }) };
});

/** Whether the code answering a replay is the code that ran the execution; unknown when either side is. */
export function codeVersionReport(versions: { recorded: string | null; current: string | null }) {
  const changed = versions.recorded === null || versions.current === null ? null : versions.recorded !== versions.current;
  return { ...versions, changed };
}
