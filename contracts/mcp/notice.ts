import { z } from "zod";
import { ExecutionId, TraceId } from "../common/ids.ts";
import { ExecutionStatus } from "../common/status.ts";

/** The MCP tools of the control plane itself (names as MCP clients see them). */
export const MCP_STATUS_TOOL = "controlPlane_execution_status";
export const MCP_PLAN_TOOL = "controlPlane_plan_submit";

/** A step waiting for people: who was asked and how far the votes are. */
export const McpPendingApproval = z.strictObject({
  step: z.string().describe("Step key"),
  tool: z.string().describe("Tool key and version, `key@version`"),
  askedGroups: z.array(z.string()).describe("Groups of approvers asked so far (escalations add groups)"),
  quorum: z.number().int().min(1).describe("Distinct approvals needed"),
  approvals: z.number().int().min(0).describe("Approvals recorded so far"),
  requesterExcluded: z.boolean().describe("Whether the requester's own approval is ignored"),
  reason: z.string().describe("Why policy asks for approval"),
  deadline: z.string().describe("When the request escalates or expires"),
});

/**
 * What a tool call answers when the tool's output is not (yet) there: the execution is waiting for
 * approval or still running. Under `controlPlane`, so it never collides with a tool's own output.
 */
export const McpExecutionNotice = z.strictObject({
  controlPlane: z.strictObject({
    executionId: ExecutionId,
    traceId: TraceId,
    status: ExecutionStatus,
    message: z.string(),
    pendingApprovals: z.array(McpPendingApproval),
    check: z.strictObject({
      tool: z.literal(MCP_STATUS_TOOL),
      arguments: z.strictObject({ executionId: ExecutionId }),
    }).describe("Call this tool to learn how the execution went"),
  }),
});
export type McpExecutionNotice = z.infer<typeof McpExecutionNotice>;

export const McpStatusInput = z.strictObject({
  executionId: ExecutionId.describe("An execution this agent started through MCP"),
});

/** The status tool's answer: the execution as far as it got, and each succeeded step's output. */
export const McpStatusOutput = z.strictObject({
  controlPlane: McpExecutionNotice.shape.controlPlane,
  steps: z.array(
    z.strictObject({
      key: z.string(),
      tool: z.string(),
      state: z.string(),
      verdict: z.string().nullable().describe("Policy's verdict: autonomous, approval_required or blocked"),
      reason: z.string().nullable().describe("Policy's reason, or why the step ended without succeeding"),
    }),
  ),
  outputs: z.record(z.string(), z.unknown()).describe("Each succeeded step's output, by step key"),
});
export type McpStatusOutput = z.infer<typeof McpStatusOutput>;
