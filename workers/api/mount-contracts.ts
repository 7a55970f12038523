import type { Context, Hono } from "hono";
import type { OperationContract } from "../../contracts/define.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { authenticate, checkBootstrapToken } from "./authenticate.ts";
import type { Caller } from "./caller.ts";
import { readContractInput } from "./contract-input.ts";
import { fieldErrors } from "./field-errors.ts";
import type { HandlerContext, Implementation } from "./handler.ts";
import { ProblemError } from "./problem.ts";
import { log } from "../../runtime/log.ts";

/** `/v1/executions/{executionId}` → `/v1/executions/:executionId` */
export function honoPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ":$1");
}

/**
 * Serves every operation at its binding through one pipeline: authenticate, authorize against the
 * contract's capability, validate input, run the handler (or answer 501), and in strict mode
 * validate the output too.
 */
export function mountContracts(
  app: Hono<{ Bindings: Env }>,
  operations: readonly OperationContract[],
  implementations: readonly Implementation[],
): void {
  const byKey = new Map<string, Implementation>();
  for (const impl of implementations) {
    if (byKey.has(impl.contract.meta.key)) throw new Error(`two handlers for ${impl.contract.meta.key}`);
    byKey.set(impl.contract.meta.key, impl);
  }
  for (const impl of implementations) {
    if (!operations.includes(impl.contract)) throw new Error(`handler for unregistered contract ${impl.contract.meta.key}`);
  }

  for (const contract of operations) {
    const impl = byKey.get(contract.meta.key);
    app.on(contract.http.method, honoPath(contract.http.path), (c) => serve(c, contract, impl));
  }
}

async function serve(c: Context<{ Bindings: Env }>, contract: OperationContract, impl: Implementation | undefined) {
  const now = new Date();
  const db = database(c.env.DB);
  const authorization = c.req.header("authorization");

  let caller: Caller | undefined;
  if (contract.auth === "bootstrap-token") {
    await checkBootstrapToken(c.env.ADMIN_BOOTSTRAP_TOKEN, authorization);
  } else {
    caller = await authenticate(db, authorization, now);
    if (!caller.capabilities.has(contract.capability)) {
      throw new ProblemError(403, "FORBIDDEN", `This key lacks the capability ${contract.capability}.`);
    }
  }

  if (!impl) {
    throw new ProblemError(501, "NOT_IMPLEMENTED", `${contract.meta.key} is declared but not implemented yet.`);
  }

  const raw = await readContractInput(c, contract);
  const parsed = contract.input.safeParse(raw);
  if (!parsed.success) {
    throw new ProblemError(400, "VALIDATION_FAILED", "The input does not match the contract.", fieldErrors(parsed.error));
  }

  const ctx: HandlerContext = {
    env: c.env,
    db,
    caller,
    now,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  };
  const output = await impl.handle(parsed.data, ctx);

  if (c.env.CONTRACT_OUTPUT_CHECK === "strict") {
    const checked = contract.output.safeParse(output);
    if (!checked.success) {
      log.error("output contract violation", { contract: contract.meta.key, errors: fieldErrors(checked.error) });
      throw new ProblemError(500, "OUTPUT_CONTRACT_VIOLATION", `${contract.meta.key} answered outside its contract.`);
    }
  }
  return c.json(output, contract.http.successStatus ?? 200);
}
