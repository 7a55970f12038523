import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ExecutionDetail } from "../../contracts/common/execution.ts";
import type { StepView } from "../../contracts/common/steps.ts";
import { MCP_STATUS_TOOL, type McpExecutionNotice, type McpStatusOutput } from "../../contracts/mcp/notice.ts";
import type { PendingGate } from "../../durable-objects/execution.ts";
import type { Db } from "../db.ts";
import { explainStep } from "../policy/explain.ts";
import type { McpCaller } from "./agent.ts";
import { structuredOutput } from "./tool-descriptor.ts";

/** What the execution's object tells about a settled (or still running) execution. */
export interface Outcome {
  view: ExecutionDetail;
  outputs: Record<string, unknown>;
  pending: PendingGate[];
}

const META = "dev.control-plane";

function meta(view: ExecutionDetail) {
  return { [`${META}/executionId`]: view.executionId, [`${META}/traceId`]: view.traceId };
}

const MESSAGES: Record<ExecutionDetail["status"], string> = {
  queued: "Accepted; no step has started yet.",
  running: "Still running.",
  waiting_approval: "Waiting for approval: the tenant's approvers have been asked (GET /v1/approvals, the dashboard, `cplane approvals`).",
  succeeded: "Every step succeeded.",
  failed: "A step failed or was refused; see the steps.",
  cancelled: "Cancelled.",
  rejected: "The plan was rejected before anything ran.",
};

export function notice({ view, pending }: Pick<Outcome, "view" | "pending">): McpExecutionNotice {
  const tools = new Map(view.steps.map((s) => [s.stepId, `${s.tool.key}@${s.tool.version}`]));
  return {
    controlPlane: {
      executionId: view.executionId,
      traceId: view.traceId,
      status: view.status,
      message: MESSAGES[view.status],
      pendingApprovals: pending.map((gate) => ({
        step: gate.key,
        tool: tools.get(gate.stepId) ?? `${gate.tool.key}@${gate.tool.version}`,
        askedGroups: gate.groups,
        quorum: gate.spec.quorum,
        approvals: gate.votes.filter((v) => v.decision === "approve").length,
        requesterExcluded: gate.spec.excludeRequester,
        reason: gate.reason,
        deadline: gate.deadline,
      })),
      check: { tool: MCP_STATUS_TOOL, arguments: { executionId: view.executionId } },
    },
  };
}

export function statusOutput(outcome: Outcome): McpStatusOutput {
  return {
    ...notice(outcome),
    steps: outcome.view.steps.map((s) => ({
      key: s.key,
      tool: `${s.tool.key}@${s.tool.version}`,
      state: s.state,
      verdict: s.verdict?.verdict ?? null,
      reason: s.reason?.message ?? s.verdict?.reason ?? null,
    })),
    outputs: outcome.outputs,
  };
}

export function errorResult(text: string, extra: Record<string, unknown> = {}): CallToolResult {
  return { isError: true, content: [{ type: "text", text }], ...(Object.keys(extra).length > 0 ? { _meta: extra } : {}) };
}

/** Why a step did not run, in policy's words: the determining rules and the context that was missing. */
async function refusal(db: Db, caller: McpCaller, view: ExecutionDetail, step: StepView, inputs: ReadonlyMap<string, Record<string, unknown>>): Promise<CallToolResult> {
  const reason = step.reason?.message ?? step.verdict?.reason ?? "refused";
  const explained =
    step.reason?.code === "POLICY_BLOCKED"
      ? await explainStep(db, caller.tenantId, {
          tool: `${step.tool.key}@${step.tool.version}`,
          input: inputs.get(step.key) ?? {},
          actor: caller.actor,
          channel: "mcp",
          at: view.createdAt,
        })
      : undefined;
  const explanation = explained?.decision.explanation;
  const lines = [
    `${step.tool.key} was not run: ${step.reason?.code ?? "REFUSED"}: ${reason}.`,
    ...(explanation
      ? [
          `Determining rules: ${explanation.determiningRules.length > 0 ? explanation.determiningRules.join(", ") : `none (${explanation.basis.replace("_", " ")})`}.`,
          `Missing context: ${explanation.missingContext.length > 0 ? explanation.missingContext.join(", ") : "none"}.`,
          `Policy ${explanation.policy.version} (${explanation.policy.hash.slice(0, 12)}…); execution ${view.executionId}.`,
        ]
      : [`Execution ${view.executionId}.`]),
  ];
  return errorResult(lines.join("\n"), {
    ...meta(view),
    [`${META}/reason`]: step.reason,
    ...(explanation ? { [`${META}/policy`]: { determiningRules: explanation.determiningRules, missingContext: explanation.missingContext, basis: explanation.basis, reason: explanation.reason, policy: explanation.policy } } : {}),
  });
}

/**
 * The answer to a tools/call (one step keyed `call`) or a plan submission: the output once it succeeded,
 * a notice while people decide or it still runs, an error with policy's explanation when refused.
 */
export async function callResult(db: Db, caller: McpCaller, outcome: Outcome, inputs: ReadonlyMap<string, Record<string, unknown>>, single: string | null): Promise<CallToolResult> {
  const { view } = outcome;
  if (view.status === "succeeded") {
    const output = single === null ? statusOutput(outcome) : outcome.outputs[single];
    return { content: [{ type: "text", text: JSON.stringify(output) }], structuredContent: structuredOutput(output), _meta: meta(view) };
  }
  if (view.status === "rejected") {
    return errorResult(`The plan was rejected: ${view.rejectionReasons.map((r) => `${r.code}: ${r.message}`).join("; ")}`, { ...meta(view), [`${META}/rejectionReasons`]: view.rejectionReasons });
  }
  const ended = view.steps.find((s) => s.state === "failed" || s.state === "cancelled");
  if (ended !== undefined) {
    if (ended.reason?.code === "POLICY_BLOCKED" || ended.reason?.code === "APPROVAL_REJECTED" || ended.reason?.code === "APPROVAL_TIMEOUT") {
      return refusal(db, caller, view, ended, inputs);
    }
    const error = ended.lastError;
    return errorResult(`${ended.tool.key} failed: ${ended.reason?.code ?? "FAILED"}: ${ended.reason?.message ?? ""}${error ? ` (${error.code}: ${error.message})` : ""}. Execution ${view.executionId}.`, meta(view));
  }
  // Waiting for approval, or still running when the wait ran out: say so now; the status tool tells the rest.
  const body = single === null ? statusOutput(outcome) : notice(outcome);
  const text =
    view.status === "waiting_approval"
      ? `Approval required. ${body.controlPlane.pendingApprovals.map((p) => `${p.tool}: ${p.quorum} approval(s) from ${p.askedGroups.join(", ")}${p.requesterExcluded ? " (not you)" : ""}; ${p.reason}`).join("; ")}. ` +
        `Execution ${view.executionId}; check it with ${MCP_STATUS_TOOL} {"executionId":"${view.executionId}"}.`
      : `Execution ${view.executionId} is ${view.status}; check it with ${MCP_STATUS_TOOL} {"executionId":"${view.executionId}"}.`;
  return { content: [{ type: "text", text }], structuredContent: body, _meta: meta(view) };
}
