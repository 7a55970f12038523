import type { z } from "zod";
import type { OperationContract } from "../../contracts/define.ts";
import type { Caller } from "../api/caller.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import { fieldErrors } from "../api/field-errors.ts";
import type { Implementation } from "../api/handler.ts";
import { ProblemError } from "../api/problem.ts";

export interface OperationScope {
  env: Env;
  db: Db;
  caller: Caller;
  waitUntil: (promise: Promise<unknown>) => void;
}

/**
 * Runs an API handler for the dashboard: the same capability check and input contract as the API
 * pipeline (mount-contracts.ts), then the handler itself, so pages and forms share the API's logic.
 */
export async function runOperation<C extends OperationContract>(
  impl: Implementation<C>,
  raw: Record<string, unknown>,
  scope: OperationScope,
): Promise<z.input<C["output"]>> {
  const { contract } = impl;
  if (!scope.caller.capabilities.has(contract.capability)) {
    throw new ProblemError(403, "FORBIDDEN", `This key lacks the capability ${contract.capability}.`);
  }
  const parsed = contract.input.safeParse(raw);
  if (!parsed.success) throw new ProblemError(400, "VALIDATION_FAILED", "The input does not match the contract.", fieldErrors(parsed.error));
  // The schema is the contract's own input schema, so its output is the handler's input type.
  return impl.handle(parsed.data as z.output<C["input"]>, { env: scope.env, db: scope.db, caller: scope.caller, now: new Date(), waitUntil: scope.waitUntil });
}
