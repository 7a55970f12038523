import type { Context } from "hono";
import type { OperationContract } from "../../contracts/define.ts";
import { ProblemError } from "./problem.ts";

/**
 * Gathers one input object for a contract: the query string for GET, the JSON body otherwise,
 * then the path parameters, which may not be contradicted by the body.
 */
export async function readContractInput(c: Context, contract: OperationContract): Promise<Record<string, unknown>> {
  const params = c.req.param() as Record<string, string>;
  const source = contract.http.method === "GET" ? readQuery(c) : await readJsonBody(c);
  for (const [name, value] of Object.entries(params)) {
    if (name in source && source[name] !== value) {
      throw new ProblemError(400, "VALIDATION_FAILED", "The body contradicts the path.", [
        { path: name, message: `must equal the path parameter (${value})` },
      ]);
    }
  }
  return { ...source, ...params };
}

function readQuery(c: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(c.req.queries())) {
    out[name] = values.length === 1 ? values[0] : values;
  }
  return out;
}

async function readJsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ProblemError(400, "MALFORMED_JSON", "Send the body as application/json.");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProblemError(400, "MALFORMED_JSON", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ProblemError(400, "VALIDATION_FAILED", "The request body must be a JSON object.", [
      { path: "", message: "expected an object" },
    ]);
  }
  return parsed as Record<string, unknown>;
}
