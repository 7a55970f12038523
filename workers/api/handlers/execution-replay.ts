import { executionReplay } from "../../../contracts/commands/execution-replay.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { readReach } from "../visibility.ts";
import { withoutCredentials } from "../../../runtime/redact.ts";
import { ALERT_DIFFERENCES, recordDriftAlert } from "../../drift/record-alert.ts";
import { ensureStarted } from "./ensure-started.ts";
import { replayOf } from "./execution-rpc.ts";
import { requireExecution } from "./execution-summary.ts";

export const executionReplayHandler = implement(executionReplay, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const { tenantId } = caller;
  const summary = await requireExecution(ctx.db, tenantId, input.executionId, readReach(caller));
  const stub = await ensureStarted(ctx.env, ctx.db, tenantId, summary);
  const { chain, report } = await replayOf(stub);
  const where = { tenantId, executionId: input.executionId, traceId: summary.traceId };
  if (!chain.ok) {
    await recordDriftAlert(ctx.db, { ...where, kind: "trace_chain_broken", detail: { brokenAtSeq: chain.brokenAt, reason: chain.reason } });
    throw new ProblemError(409, "TRACE_CHAIN_BROKEN", `The trace breaks at seq ${chain.brokenAt}: ${chain.reason}`);
  }
  if (report === undefined) throw new Error("a replay with a sound chain came back without a report");
  // Differing values come from recorded events: they are shown (and kept in drift alerts) without credentials.
  const differences = report.differences.map((d) => ({ ...d, recorded: withoutCredentials(d.recorded).value, replayed: withoutCredentials(d.replayed).value }));
  if (report.outcome === "diff") {
    await recordDriftAlert(ctx.db, { ...where, kind: "replay_divergence", detail: { differences: differences.slice(0, ALERT_DIFFERENCES) } });
  }
  return { executionId: input.executionId, ...report, differences };
});
