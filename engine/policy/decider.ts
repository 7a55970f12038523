import type { ChannelKind } from "../../contracts/intent.ts";
import type { DraftSource } from "../../contracts/policy/document.ts";
import { type ReplyDestination, withDestination } from "../../contracts/common/reply-destination.ts";
import type { ToolContract } from "../../contracts/tools/define.ts";
import type { ToolRegistry } from "../../contracts/tools/registry.ts";
import { type PinnedPolicy, decide } from "./decide.ts";
import type { PolicyDecision } from "./explanation.ts";
import type { PolicyTool } from "./request.ts";
import type { PolicyDecider, PolicyContext } from "./types.ts";
import type { CompiledStep } from "../../contracts/plan.ts";

/** What an execution records at start besides the policy itself, so replay decides the same way. */
export interface DecisionContext {
  tenantId: string;
  channel: ChannelKind;
  /** Groups the requester belonged to at start. */
  requesterRoles: readonly string[];
  /** Time windows are judged at the execution's start. */
  at: string;
  /** Present when the policy sets a budget: the tenant's executions created in the hour before this one. */
  executionsInLastHour?: number;
  /** Where the execution's replies go; conditions read it as `$destination`. Absent in pins older than it. */
  destination?: ReplyDestination;
  /** Who drafted the plan; absent in pins older than it (a `draftSources` condition is then unknown). */
  draftSource?: DraftSource;
}

export function policyTool(tool: ToolContract | undefined): PolicyTool | null {
  return tool === undefined ? null : { key: tool.key, version: tool.version, risk: tool.risk, sideEffect: tool.sideEffect, tags: tool.tags };
}

export function decideStep(policy: PinnedPolicy, context: DecisionContext, registry: ToolRegistry, step: CompiledStep, ctx: PolicyContext): PolicyDecision {
  return decide(policy, {
    tenantId: context.tenantId,
    toolKey: step.tool.key,
    tool: policyTool(registry.get(step.tool.key, step.tool.version)),
    input: withDestination(ctx.input, context.destination),
    actor: { type: ctx.requester.type, id: ctx.requester.id, roles: context.requesterRoles },
    channel: context.channel,
    ...(context.draftSource === undefined ? {} : { draftSource: context.draftSource }),
    at: context.at,
  });
}

/** The executor's decider for one execution: the pinned policy and context, nothing read at call time. */
export function policyDecider(policy: PinnedPolicy, context: DecisionContext, registry: ToolRegistry): PolicyDecider {
  return (step, ctx) => decideStep(policy, context, registry, step, ctx).verdict;
}
