import { and, count, eq, gte, lt, ne, or, sql } from "drizzle-orm";
import type { GrantScope } from "../contracts/common/grant.ts";
import type { Actor, Intent } from "../contracts/intent.ts";
import { destinationOf } from "../contracts/common/reply-destination.ts";
import type { PolicyDocument } from "../contracts/policy/document.ts";
import { budgetedDecider } from "../engine/policy/budget.ts";
import type { PinnedPolicy } from "../engine/policy/decide.ts";
import type { DecisionContext } from "../engine/policy/decider.ts";
import type { PolicyDecider, PolicyRef } from "../engine/policy/types.ts";
import type { SkillManifest } from "../contracts/skills/manifest.ts";
import type { UpstreamManifest } from "../contracts/mcp/upstream-manifest.ts";
import type { ExecutionStatus } from "../contracts/common/status.ts";
import { identityIds, personOfPrincipal, principalIdFrom, principalIdQueries } from "../runtime/identities.ts";
import { archivedStatusQuery } from "./execution-archive.ts";
import { executions } from "../schema/index.ts";
import { type Db, database } from "../runtime/db.ts";
import type { Env } from "../workers/env.ts";
import { activePolicyOf, activePolicyQuery } from "../workers/policy/store.ts";
import { activeSkillsQuery, manifestsOf } from "../workers/skills/installed.ts";
import { registeredServersQuery, upstreamManifestOf } from "../workers/mcp/upstream/registered.ts";

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

/** The policy's budget, judged on the count pinned at start, in front of the rules. */
export function budgetedByPin(decider: PolicyDecider, pin: PolicyPin): PolicyDecider {
  return budgetedDecider(decider, pin.document.budget, pin.context.executionsInLastHour, pin.ref);
}

export interface StartContext {
  skills: SkillManifest[];
  upstreams: UpstreamManifest[];
  pin: PolicyPin;
  /** The status the index recorded if this execution was archived (its object purged): then nothing starts. */
  archived: ExecutionStatus | null;
}

/**
 * What an execution starts from, in one D1 batch: the tenant's active skills, registered upstream MCP servers and
 * active policy, whether this execution was archived, and who the requester is. The requester as a person
 * (resolved through linked identities) takes a second round trip only when they are a known principal: their
 * groups are the requester's roles, and principal and identities are pinned for requester exclusion; then, only
 * when that policy sets a budget, how many executions the tenant had in the hour before this one.
 */
export async function loadStartContext(env: Env, intent: Intent, at: string, executionId: string): Promise<StartContext> {
  const db = database(env.DB);
  const [linked, direct] = principalIdQueries(db, intent.tenantId, intent.actor.id);
  const [skillRows, policyRows, upstreamRows, archivedRows, linkedRows, directRows] = await db.batch([
    activeSkillsQuery(db, intent.tenantId),
    activePolicyQuery(db, intent.tenantId),
    registeredServersQuery(db, intent.tenantId),
    archivedStatusQuery(db, executionId),
    linked,
    direct,
  ]);
  const principalId = principalIdFrom(linkedRows, directRows);
  const person = principalId === undefined ? undefined : await personOfPrincipal(db, intent.tenantId, principalId);
  const active = activePolicyOf(intent.tenantId, policyRows[0]);
  const identities = [...new Set([intent.actor.id, ...(person === undefined ? [] : identityIds(person))])].sort();
  // A second round trip only for tenants whose policy sets a budget.
  const budgeted = active.pinned.document.budget !== undefined;
  const executionsInLastHour = budgeted ? ((await executionsBeforeQuery(db, intent.tenantId, executionId, at))[0]?.n ?? 0) : undefined;
  return {
    archived: archivedRows[0]?.status ?? null,
    skills: manifestsOf(skillRows),
    upstreams: upstreamRows.map(upstreamManifestOf),
    pin: {
      ref: active.pinned.ref,
      document: active.pinned.document,
      context: {
        tenantId: intent.tenantId,
        channel: intent.channel,
        requesterRoles: person?.roles ?? [],
        at,
        destination: destinationOf(intent.replyTo),
        ...(executionsInLastHour === undefined ? {} : { executionsInLastHour }),
      },
      requester: { principal: person?.principal ?? null, identities },
    },
  };
}

/**
 * The tenant's executions created in the hour before this one: rows created earlier (ties broken by id), so
 * executions submitted together are counted in one order whichever starts first, and a burst of n + k against
 * a budget of n runs n and blocks k. This execution's own created_at is the reference (the start time when
 * it has no row), so a start delayed by the queue does not change its count.
 */
function executionsBeforeQuery(db: Db, tenantId: string, executionId: string, at: string) {
  const mine = sql`coalesce((select "created_at" from "executions" where "id" = ${executionId}), ${at})`;
  return db
    .select({ n: count() })
    .from(executions)
    .where(
      and(
        eq(executions.tenantId, tenantId),
        ne(executions.id, executionId),
        gte(executions.createdAt, sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${mine}, '-1 hour')`),
        or(lt(executions.createdAt, mine), and(eq(executions.createdAt, mine), lt(executions.id, executionId))),
      ),
    );
}
