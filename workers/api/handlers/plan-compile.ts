import { planCompile } from "../../../contracts/commands/plan-compile.ts";
import { toolRegistry } from "../../../contracts/tools/index.ts";
import { planIntent } from "../../../engine/plan-intent.ts";
import { implement, requireCaller } from "../handler.ts";
import { intentOfRequest } from "./request-intent.ts";

/** A preview: the same road an execution takes (interpret, compile, verify), with nothing stored or run. */
export const planCompileHandler = implement(planCompile, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const intent = intentOfRequest(caller, input, ctx.now);
  const planned = planIntent(intent, toolRegistry);
  if (planned.ok) return { status: "compiled" as const, intent, plan: planned.plan };
  return { status: "rejected" as const, intent, reasons: planned.rejection.reasons };
});
