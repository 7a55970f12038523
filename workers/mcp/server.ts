import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import {
  type CallToolResult,
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type ServerNotification,
  type ServerRequest,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { DraftStep } from "../../contracts/plan.ts";
import { MCP_PLAN_TOOL, MCP_STATUS_TOOL } from "../../contracts/mcp/notice.ts";
import type { PendingGate } from "../../durable-objects/execution.ts";
import { archivedDetail, archiveKeyOf, EXECUTION_ARCHIVED } from "../api/handlers/archived-guard.ts";
import { ensureStarted } from "../api/handlers/ensure-started.ts";
import { executionSummary } from "../api/handlers/execution-summary.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import type { McpCaller } from "./agent.ts";
import { type CatalogEntry, MCP_CAPABILITY, toolCatalog } from "./catalog.ts";
import { controlTools, McpPlanInput } from "./control-tools.ts";
import { callResult, errorResult, type Outcome, statusOutput } from "./results.ts";
import { submitMcpIntent, waitForExecution } from "./run-intent.ts";
import { toolDescriptor } from "./tool-descriptor.ts";

/** How long a tools/call waits for its execution before answering that it is still running. */
export const CALL_WAIT_MS = 25_000;

export interface McpContext {
  env: Env;
  db: Db;
  caller: McpCaller;
  /** Absent only on the initialize request, which carries no tool call. */
  session: string | undefined;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

const INSTRUCTIONS =
  "Tools of a governed control plane. Every call is compiled into a plan, checked against the tenant's policy and traced. " +
  "Low-risk calls run at once and answer with the tool's output. Calls that need people answer at once with " +
  "structuredContent.controlPlane (status waiting_approval, who was asked); call controlPlane_execution_status later. " +
  "Refused calls answer isError with the policy's explanation.";

/** One MCP server per HTTP request: the caller, its tools and its session come from the request. */
export function mcpServer(ctx: McpContext): McpServer {
  const mcp = new McpServer(
    { name: "control-plane", version: "1.0.0" },
    { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS, jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  // The low-level handlers: the tool list is computed per caller from contracts, grants and policy.
  mcp.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: await listTools(ctx) }));
  mcp.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => callTool(ctx, request.params.name, request.params.arguments ?? {}, extra));
  return mcp;
}

async function listTools(ctx: McpContext): Promise<Tool[]> {
  if (!ctx.caller.capabilities.has(MCP_CAPABILITY)) return [];
  const catalog = await toolCatalog(ctx.db, ctx.caller);
  return [...[...catalog.values()].filter((e) => e.listed).map((e) => toolDescriptor(e.name, e.tool)), ...controlTools];
}

async function callTool(ctx: McpContext, name: string, args: Record<string, unknown>, extra: Extra): Promise<CallToolResult> {
  if (!ctx.caller.capabilities.has(MCP_CAPABILITY)) return errorResult(`CAPABILITY_NOT_HELD: this key does not hold ${MCP_CAPABILITY}.`);
  if (ctx.session === undefined) return errorResult("A tool call needs an MCP session: initialize first.");
  if (name === MCP_STATUS_TOOL) return status(ctx, args);
  const catalog = await toolCatalog(ctx.db, ctx.caller);
  if (name === MCP_PLAN_TOOL) return plan(ctx, ctx.session, catalog, args, extra);
  const entry = catalog.get(name);
  if (entry === undefined) return errorResult(`UNKNOWN_TOOL: no tool ${name} is available to this tenant.`);
  // An unlisted tool is still submitted: policy refuses it in the execution, where the refusal is traced and explained.
  const steps: DraftStep[] = [{ key: "call", tool: `${entry.tool.key}@${entry.tool.version}`, input: args, after: [] }];
  return run(ctx, ctx.session, { name, arguments: args }, steps, extra, "call");
}

async function plan(ctx: McpContext, session: string, catalog: Map<string, CatalogEntry>, args: Record<string, unknown>, extra: Extra): Promise<CallToolResult> {
  const parsed = McpPlanInput.safeParse(args);
  if (!parsed.success) {
    return errorResult(`INVALID_PLAN: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const steps = parsed.data.steps.map((step) => {
    const entry = catalog.get(step.tool);
    return entry === undefined ? step : { ...step, tool: `${entry.tool.key}@${entry.tool.version}` };
  });
  const offered = new Set([...catalog.values()].map((e) => e.tool.key));
  const withheld = steps.filter((s) => !offered.has(s.tool.split("@")[0] ?? s.tool));
  if (withheld.length > 0) return errorResult(`UNKNOWN_TOOL: ${withheld.map((s) => `${s.key} names ${s.tool}`).join("; ")}, which is not offered over MCP.`);
  return run(ctx, session, { name: MCP_PLAN_TOOL, arguments: args }, steps, extra, null);
}

async function run(ctx: McpContext, session: string, call: unknown, steps: DraftStep[], extra: Extra, single: string | null): Promise<CallToolResult> {
  const submitted = await submitMcpIntent(ctx.env, ctx.db, ctx.caller, { session, requestId: extra.requestId, call }, steps, new Date());
  if (!submitted.ok) return errorResult(`${submitted.code}: ${submitted.message}`);
  const progressToken = extra._meta?.progressToken;
  const view = await waitForExecution(submitted.stub, {
    budgetMs: CALL_WAIT_MS,
    signal: extra.signal,
    ...(progressToken === undefined
      ? {}
      : {
          onPoll: (status, polls) =>
            extra.sendNotification({ method: "notifications/progress", params: { progressToken, progress: polls, message: `execution ${submitted.executionId}: ${status}` } }),
        }),
  });
  const outcome = await outcomeOf(submitted.stub, view);
  return callResult(ctx.db, ctx.caller, outcome, new Map(steps.map((s) => [s.key, s.input])), single);
}

async function outcomeOf(stub: Awaited<ReturnType<typeof ensureStarted>>, view: Outcome["view"]): Promise<Outcome> {
  const [outputs, pending] = await Promise.all([stub.stepOutputsJson(), stub.pendingApprovalsJson()]);
  return { view, outputs: JSON.parse(outputs) as Record<string, unknown>, pending: JSON.parse(pending) as PendingGate[] };
}

/** An agent reads its own executions only: another principal's, or another tenant's, do not exist here. */
async function status(ctx: McpContext, args: Record<string, unknown>): Promise<CallToolResult> {
  const executionId = typeof args.executionId === "string" ? args.executionId : "";
  const summary = executionId === "" ? undefined : await executionSummary(ctx.db, ctx.caller.tenantId, executionId, { kind: "own", principalId: ctx.caller.principalId });
  const notFound = errorResult(`EXECUTION_NOT_FOUND: no execution ${JSON.stringify(executionId)} of this agent.`);
  if (summary === undefined) return notFound;
  // An archived execution's object is emptied: its status is the one the index recorded when it was archived.
  const archiveKey = await archiveKeyOf(ctx.db, ctx.caller.tenantId, executionId);
  if (archiveKey !== null) return errorResult(`${EXECUTION_ARCHIVED}: execution ${executionId} ended ${summary.status}. ${archivedDetail(executionId, archiveKey)}`);
  const stub = await ensureStarted(ctx.env, ctx.db, ctx.caller.tenantId, summary);
  const view = await stub.view();
  if (view.actor.id !== ctx.caller.actor.id) return notFound;
  const output = statusOutput(await outcomeOf(stub, view));
  return { content: [{ type: "text", text: JSON.stringify(output) }], structuredContent: output };
}
