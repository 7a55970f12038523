import type { z } from "zod";
import type { OperationContract } from "../../contracts/define.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import type { Caller } from "./caller.ts";

export interface HandlerContext {
  env: Env;
  db: Db;
  /** Absent only for contracts authenticated by the bootstrap token. */
  caller: Caller | undefined;
  now: Date;
  waitUntil: (promise: Promise<unknown>) => void;
}

export interface Implementation<C extends OperationContract = OperationContract> {
  contract: C;
  handle: (input: z.output<C["input"]>, ctx: HandlerContext) => Promise<z.input<C["output"]>>;
}

/** Binds a handler to its contract so input and output are typed by the contract's schemas. */
export function implement<C extends OperationContract>(
  contract: C,
  handle: (input: z.output<C["input"]>, ctx: HandlerContext) => Promise<z.input<C["output"]>>,
): Implementation<C> {
  return { contract, handle };
}

/** Handlers that need a caller (every api-key contract) get it from here, typed as present. */
export function requireCaller(ctx: HandlerContext): Caller {
  if (!ctx.caller) throw new Error("handler of an api-key contract ran without a caller");
  return ctx.caller;
}
