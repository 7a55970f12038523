import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { toJsonSchema } from "../../contracts/json-schema.ts";
import { MCP_PLAN_TOOL, MCP_STATUS_TOOL, McpStatusInput, McpStatusOutput } from "../../contracts/mcp/notice.ts";
import { DraftStep } from "../../contracts/plan.ts";

export const McpPlanInput = z.strictObject({
  steps: z
    .array(DraftStep.extend({ tool: DraftStep.shape.tool.describe("A tool key (`github.issue.comment`, `key@version`) or its MCP tool name") }))
    .min(1)
    .max(50)
    .describe("The plan draft: each step names a tool and its input; `after` lists the keys of steps that must succeed first; inputs may use `{ \"$ref\": \"<step>.output.<field>\" }`"),
});
export type McpPlanInput = z.infer<typeof McpPlanInput>;

type ObjectSchema = Tool["inputSchema"];

function objectSchema(schema: z.ZodType, io: "input" | "output"): ObjectSchema {
  return { type: "object", ...toJsonSchema(schema, io) };
}

/** The control plane's own tools, listed to every caller that may submit intents. */
export const controlTools: Tool[] = [
  {
    name: MCP_STATUS_TOOL,
    title: "Execution status",
    description:
      "How an execution this agent started is going: its status, each step's state and policy verdict, who was asked to approve, and the outputs of the steps that succeeded. Use it after a call answered that approval is required.",
    inputSchema: objectSchema(McpStatusInput, "input"),
    outputSchema: objectSchema(McpStatusOutput, "output"),
    annotations: { title: "Execution status", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  {
    name: MCP_PLAN_TOOL,
    title: "Submit a plan",
    description:
      "Submit several tool calls as one plan: steps with `after` edges run in order, the others in parallel. The plan is compiled, verified and checked against policy step by step, like a single call; the answer has each succeeded step's output, or says which steps wait for approval.",
    inputSchema: objectSchema(McpPlanInput, "input"),
    outputSchema: objectSchema(McpStatusOutput, "output"),
    annotations: { title: "Submit a plan", readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  },
];
