import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { type JsonSchema, toJsonSchema } from "../../contracts/json-schema.ts";
import { McpExecutionNotice } from "../../contracts/mcp/notice.ts";
import type { ToolContract } from "../../contracts/tools/define.ts";

type ObjectSchema = Tool["inputSchema"];

const RISK_NOTE = {
  low: "runs without approval where policy allows it",
  medium: "usually needs one approval from the tenant's approvers",
  high: "never runs autonomously: approvers must approve each call",
} as const;

function isObjectSchema(schema: JsonSchema): schema is ObjectSchema {
  return schema.type === "object";
}

/** A tool's output as MCP structured content, which must be a JSON object: anything else is wrapped as `{ output }`. */
export function structuredOutput(output: unknown): Record<string, unknown> {
  return typeof output === "object" && output !== null && !Array.isArray(output) ? (output as Record<string, unknown>) : { output };
}

function outputBranch(tool: ToolContract): JsonSchema {
  const schema = toJsonSchema(tool.output, "output");
  return isObjectSchema(schema) ? schema : { type: "object", properties: { output: schema }, required: ["output"] };
}

const NOTICE_SCHEMA = toJsonSchema(McpExecutionNotice, "output");
/** Contracts are immutable values: their JSON Schemas are converted once per isolate, not on every tools/list. */
const schemasOf = new WeakMap<ToolContract, { input: ObjectSchema; output: ObjectSchema }>();

function schemas(tool: ToolContract): { input: ObjectSchema; output: ObjectSchema } {
  const known = schemasOf.get(tool);
  if (known !== undefined) return known;
  const input = toJsonSchema(tool.input, "input");
  const converted = {
    input: isObjectSchema(input) ? input : { type: "object" as const },
    output: { type: "object" as const, anyOf: [outputBranch(tool), NOTICE_SCHEMA] },
  };
  schemasOf.set(tool, converted);
  return converted;
}

/**
 * The MCP view of a tool contract: schemas from the contract, hints from its side-effect class and
 * idempotency, the risk tier in the description. A call answers either the tool's output or, while the
 * execution waits for approval or is still running, an execution notice: the output schema admits both.
 */
export function toolDescriptor(name: string, tool: ToolContract): Tool {
  const { input, output } = schemas(tool);
  return {
    name,
    title: `${tool.key}@${tool.version}`,
    description: `${tool.description}\n\nRisk tier: ${tool.risk} (${RISK_NOTE[tool.risk]}). Side effect: ${tool.sideEffect}. ` +
      "Each call is compiled, checked against the tenant's policy and traced; when it needs approval the result says so at once " +
      "(structuredContent.controlPlane) and controlPlane_execution_status tells how it went.",
    inputSchema: input,
    outputSchema: output,
    annotations: {
      title: tool.key,
      readOnlyHint: tool.sideEffect === "none" || tool.sideEffect === "read",
      destructiveHint: tool.sideEffect === "write" || tool.sideEffect === "destructive",
      // `header` idempotency dedupes retries of one step; a second call is a new step, so only `natural` repeats harmlessly.
      idempotentHint: tool.idempotency === "natural",
      openWorldHint: tool.sideEffect !== "none",
    },
  };
}
