import type { Intent } from "../../contracts/intent.ts";
import type { ToolRegistry } from "../../contracts/tools/index.ts";
import { planIntent } from "../../engine/plan-intent.ts";
import { offeredTools } from "../../engine/planner/offered-tools.ts";
import { wantsModel } from "../../engine/planner/plan-from-model.ts";
import type { DecisionContext } from "../../engine/policy/decider.ts";
import { DEFAULT_POLICY } from "../../engine/policy/default.ts";

/** Every eval request arrives as a Slack user's message in a bound team, like a real one; fixed time, so plan ids repeat. */
export function evalIntent(text: string): Intent {
  return {
    tenantId: "eval",
    actor: { type: "human", id: "slack:T0EVAL:U0EVAL" },
    channel: "slack",
    replyTo: { kind: "slack", teamId: "T0EVAL", channelId: "C0EVAL", threadTs: "1700000000.000100" },
    text,
    receivedAt: "2026-01-01T09:00:00.000Z",
  };
}

/** Production sends text to the model only when the grammar does not know its first word; an item the grammar reads would measure the grammar. */
export function reachesModel(intent: Intent, registry: ToolRegistry): boolean {
  return wantsModel(intent, planIntent(intent, registry));
}

/** What the execution pins for such a requester under a fresh tenant's default policy: a channel user in no group, a model draft. */
export function evalContext(intent: Intent): DecisionContext {
  return { tenantId: intent.tenantId, channel: intent.channel, requesterRoles: [], at: intent.receivedAt, draftSource: "model" };
}

/** The tools the execution would offer the model for this intent (engine/planner/offered-tools.ts), under the default policy. */
export function evalOffer(intent: Intent, registry: ToolRegistry): string[] {
  return offeredTools(registry, DEFAULT_POLICY, evalContext(intent), intent.actor);
}
