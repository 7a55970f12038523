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

/**
 * The MCP view of a tool contract: schemas from the contract, hints from its side-effect class and
 * idempotency, the risk tier in the description. A call answers either the tool's output or, while the
 * execution waits for approval or is still running, an execution notice: the output schema admits both.
 */
export function toolDescriptor(name: string, tool: ToolContract): Tool {
  const input = toJsonSchema(tool.input, "input");
  return {
    name,
    title: `${tool.key}@${tool.version}`,
    description: `${tool.description}\n\nRisk tier: ${tool.risk} (${RISK_NOTE[tool.risk]}). Side effect: ${tool.sideEffect}. ` +
      "Each call is compiled, checked against the tenant's policy and traced; when it needs approval the result says so at once " +
      "(structuredContent.controlPlane) and controlPlane_execution_status tells how it went.",
    inputSchema: isObjectSchema(input) ? input : { type: "object" },
    outputSchema: { type: "object", anyOf: [outputBranch(tool), toJsonSchema(McpExecutionNotice, "output")] },
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
