import { executionApprove } from "../../../contracts/commands/execution-approve.ts";
import { implement } from "../handler.ts";
import { decideAsCaller } from "./decide-as-caller.ts";

export const executionApproveHandler = implement(executionApprove, (input, ctx) => decideAsCaller(ctx, input, "approve", input.comment));
