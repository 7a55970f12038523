import type { GrantScope } from "../contracts/common/grant.ts";
import type { Actor, Intent } from "../contracts/intent.ts";
import type { PolicyDocument } from "../contracts/policy/document.ts";
import type { PinnedPolicy } from "../engine/policy/decide.ts";
import type { DecisionContext } from "../engine/policy/decider.ts";
import type { PolicyRef } from "../engine/policy/types.ts";
import type { SkillManifest } from "../contracts/skills/manifest.ts";
import { identityIds, personOf } from "../runtime/identities.ts";
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
  /**
   * The person the requester was at start: the principal the intent's actor resolved to (through linked
   * identities) and every id it was known by. The gate excludes the requester through any of them, and the
   * machine's start input carries the principal, so replay re-derives the same exclusions. Absent in
   * executions started before identities were linked.
   */
  requester?: RequesterPin;
}

export interface RequesterPin {
  principal: Actor | null;
  identities: string[];
}

export function pinnedOf(pin: PolicyPin): PinnedPolicy {
  return { ref: pin.ref, document: pin.document };
}

/**
 * What an execution starts from: the tenant's active skills and active policy (one batch), and the requester
 * as a person (resolved through linked identities): their groups are the requester's roles, and principal and
 * identities are pinned for requester exclusion.
 */
export async function loadStartContext(env: Env, intent: Intent, at: string): Promise<{ skills: SkillManifest[]; pin: PolicyPin }> {
  const db = database(env.DB);
  const [[skillRows, policyRows], person] = await Promise.all([
    db.batch([activeSkillsQuery(db, intent.tenantId), activePolicyQuery(db, intent.tenantId)]),
    personOf(db, intent.tenantId, intent.actor.id),
  ]);
  const active = activePolicyOf(intent.tenantId, policyRows[0]);
  const identities = [...new Set([intent.actor.id, ...(person === undefined ? [] : identityIds(person))])].sort();
  return {
    skills: manifestsOf(skillRows),
    pin: {
      ref: active.pinned.ref,
      document: active.pinned.document,
      context: { tenantId: intent.tenantId, channel: intent.channel, requesterRoles: person?.roles ?? [], at },
      requester: { principal: person?.principal ?? null, identities },
    },
  };
}
