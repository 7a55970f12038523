import { and, eq, or } from "drizzle-orm";
import type { GrantScope } from "../contracts/common/grant.ts";
import type { Intent } from "../contracts/intent.ts";
import { destinationOf } from "../contracts/common/reply-destination.ts";
import type { PolicyDocument } from "../contracts/policy/document.ts";
import type { PinnedPolicy } from "../engine/policy/decide.ts";
import type { DecisionContext } from "../engine/policy/decider.ts";
import type { PolicyRef } from "../engine/policy/types.ts";
import type { SkillManifest } from "../contracts/skills/manifest.ts";
import { groupMembers, principals } from "../schema/index.ts";
import { database } from "../workers/db.ts";
import type { Env } from "../workers/env.ts";
import { activePolicyOf, activePolicyQuery } from "../workers/policy/store.ts";
import { activeSkillsQuery, manifestsOf } from "../workers/skills/installed.ts";

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

/**
 * What an execution starts from, read from D1 in one batch (one round trip, not four in a row): the
 * tenant's active skills, its active policy, and the requester's groups.
 */
export async function loadStartContext(env: Env, intent: Intent, at: string): Promise<{ skills: SkillManifest[]; pin: PolicyPin }> {
  const db = database(env.DB);
  const requester = or(eq(principals.id, intent.actor.id), eq(principals.channelIdentity, intent.actor.id));
  const [skillRows, policyRows, roleRows] = await db.batch([
    activeSkillsQuery(db, intent.tenantId),
    activePolicyQuery(db, intent.tenantId),
    db
      .select({ principalId: principals.id, group: groupMembers.group })
      .from(principals)
      .leftJoin(groupMembers, and(eq(groupMembers.tenantId, principals.tenantId), eq(groupMembers.principalId, principals.id)))
      .where(and(eq(principals.tenantId, intent.tenantId), requester)),
  ]);
  const active = activePolicyOf(intent.tenantId, policyRows[0]);
  // As before the batch: the first matching principal's groups (a principal id and a channel identity
  // could name two principals; the lowest id is the one `findFirst` would have returned).
  const principalId = roleRows.map((r) => r.principalId).sort()[0];
  const requesterRoles = [...new Set(roleRows.flatMap((r) => (r.principalId === principalId && r.group !== null ? [r.group] : [])))].sort();
  return {
    skills: manifestsOf(skillRows),
    pin: {
      ref: active.pinned.ref,
      document: active.pinned.document,
      context: { tenantId: intent.tenantId, channel: intent.channel, requesterRoles, at, destination: destinationOf(intent.replyTo) },
    },
  };
}
