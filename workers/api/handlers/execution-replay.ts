import { executionReplay } from "../../../contracts/commands/execution-replay.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { ensureStarted } from "./ensure-started.ts";
import { replayOf } from "./execution-rpc.ts";
import { requireExecution } from "./execution-summary.ts";

export const executionReplayHandler = implement(executionReplay, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const summary = await requireExecution(ctx.db, tenantId, input.executionId);
  const stub = await ensureStarted(ctx.env, ctx.db, tenantId, summary);
  const { chain, report } = await replayOf(stub);
  if (!chain.ok) throw new ProblemError(409, "TRACE_CHAIN_BROKEN", `The trace breaks at seq ${chain.brokenAt}: ${chain.reason}`);
  if (report === undefined) throw new Error("a replay with a sound chain came back without a report");
  return { executionId: input.executionId, ...report };
});
