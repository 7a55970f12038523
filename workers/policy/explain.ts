import type { Actor, ChannelKind } from "../../contracts/intent.ts";
import type { ToolContract } from "../../contracts/tools/define.ts";
import { decide } from "../../engine/policy/decide.ts";
import { policyTool } from "../../engine/policy/decider.ts";
import type { PolicyDecision } from "../../engine/policy/explanation.ts";
import type { Db } from "../db.ts";
import { tenantToolRegistry } from "../skills/tenant-tool-registry.ts";
import { rolesOf } from "./groups.ts";
import { activePolicy } from "./store.ts";

export interface StepQuestion {
  /** Tool key, optionally pinned as `key@version`. */
  tool: string;
  input: Record<string, unknown>;
  actor: Actor;
  channel: ChannelKind;
  at: string;
}

/**
 * The very function the executor's decider calls, on the tenant's active policy and the tenant's registry
 * (built-ins plus its active skills, what an execution started now would pin): an explanation cannot drift
 * from the decision. Undefined when the tenant has no such tool.
 */
export async function explainStep(db: Db, tenantId: string, question: StepQuestion): Promise<{ tool: ToolContract; decision: PolicyDecision } | undefined> {
  const tool = (await tenantToolRegistry(db, tenantId)).resolve(question.tool);
  if (!tool) return undefined;
  const active = await activePolicy(db, tenantId);
  const decision = decide(active.pinned, {
    tenantId,
    toolKey: tool.key,
    tool: policyTool(tool),
    input: question.input,
    actor: { type: question.actor.type, id: question.actor.id, roles: await rolesOf(db, tenantId, question.actor.id) },
    channel: question.channel,
    at: question.at,
  });
  return { tool, decision };
}
