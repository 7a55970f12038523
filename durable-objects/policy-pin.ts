import { and, eq, or } from "drizzle-orm";
import type { GrantScope } from "../contracts/common/grant.ts";
import type { Intent } from "../contracts/intent.ts";
import type { PolicyDocument } from "../contracts/policy/document.ts";
import type { PinnedPolicy } from "../engine/policy/decide.ts";
import type { DecisionContext } from "../engine/policy/decider.ts";
import type { PolicyRef } from "../engine/policy/types.ts";
import { principals } from "../schema/index.ts";
import { database } from "../workers/db.ts";
import type { Env } from "../workers/env.ts";
import { rolesOf } from "../workers/policy/groups.ts";
import { activePolicy } from "../workers/policy/store.ts";

/** What an execution decides with for its whole life; stored in the DO and traced as policy_pinned. */
export interface PolicyPin {
  ref: PolicyRef;
  document: PolicyDocument;
  context: DecisionContext;
  /** The narrowing of the submitting caller's grant (durable-objects/grant-scope.ts); absent when not narrowed. */
  grantScope?: GrantScope;
}

export function pinnedOf(pin: PolicyPin): PinnedPolicy {
  return { ref: pin.ref, document: pin.document };
}

/** Reads the tenant's active policy and the requester's groups from D1, at start, once. */
export async function resolvePin(env: Env, intent: Intent, at: string): Promise<PolicyPin> {
  const db = database(env.DB);
  const active = await activePolicy(db, intent.tenantId);
  const principal = await db.query.principals.findFirst({
    where: and(eq(principals.tenantId, intent.tenantId), or(eq(principals.id, intent.actor.id), eq(principals.channelIdentity, intent.actor.id))),
  });
  const requesterRoles = principal ? await rolesOf(db, intent.tenantId, principal.id) : [];
  return {
    ref: active.pinned.ref,
    document: active.pinned.document,
    context: { tenantId: intent.tenantId, channel: intent.channel, requesterRoles, at },
  };
}
