import { executionReplay } from "../../../contracts/commands/execution-replay.ts";
import { verifyChain } from "../../../engine/trace.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { ensureStarted } from "./ensure-started.ts";
import { replayOf, traceOf } from "./execution-rpc.ts";
import { requireExecution } from "./execution-summary.ts";

export const executionReplayHandler = implement(executionReplay, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const summary = await requireExecution(ctx.db, tenantId, input.executionId);
  const stub = await ensureStarted(ctx.env, ctx.db, tenantId, summary);
  const chain = verifyChain((await traceOf(stub)).map((e) => e.event));
  if (!chain.ok) throw new ProblemError(409, "TRACE_CHAIN_BROKEN", `The trace breaks at seq ${chain.brokenAt}: ${chain.reason}`);
  const report = await replayOf(stub);
  return { executionId: input.executionId, ...report };
});
