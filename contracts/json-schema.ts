import { z } from "zod";
import type { AnyContract } from "./define.ts";

/** A JSON Schema (draft 2020-12) document as plain data. */
export type JsonSchema = { [key: string]: unknown };

/**
 * Input schemas describe what a caller may send (defaults optional, coercions from strings); output
 * schemas describe what the server answers. A type with no JSON form (none in v1, but a contract
 * could add a date or a transform) becomes `{}` rather than failing docs and the OpenAPI route.
 */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
  return rest;
}

export interface ContractSchemas {
  input?: JsonSchema;
  output?: JsonSchema;
  payload?: JsonSchema;
}

/** The JSON Schemas of one contract: input and output for operations, payload for events, none for capabilities. */
export function contractSchemas(contract: AnyContract): ContractSchemas {
  switch (contract.kind) {
    case "command":
    case "query":
      return { input: toJsonSchema(contract.input, "input"), output: toJsonSchema(contract.output, "output") };
    case "event":
      return { payload: toJsonSchema(contract.payload, "output") };
    case "capability":
      return {};
  }
}
