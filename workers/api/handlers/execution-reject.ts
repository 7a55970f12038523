import { executionReject } from "../../../contracts/commands/execution-reject.ts";
import { implement } from "../handler.ts";
import { decideAsCaller } from "./decide-as-caller.ts";

export const executionRejectHandler = implement(executionReject, (input, ctx) => decideAsCaller(ctx, input, "reject", input.reason));
