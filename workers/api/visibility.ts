import { and, eq, inArray, isNotNull, notInArray, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { isNarrowed } from "../../engine/policy/grant-scope.ts";
import { executions, intents, principalIdentities, principals } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import type { Caller } from "./caller.ts";

/**
 * Which of the tenant's executions a caller may reach: every one, or only those its person requested (the intent's
 * actor is its principal, or a channel identity that is theirs: linked to it, or its own and linked to no one). Seeing every execution takes an unnarrowed `control-plane.audit` or
 * `control-plane.admin` grant; cancelling another principal's takes an unnarrowed `control-plane.admin`
 * (audit is read-only). A narrowed grant of either gives no more than any other key: its own executions.
 */
export type Reach = { kind: "tenant" } | { kind: "own"; principalId: string };

const TENANT_READERS = ["control-plane.audit", "control-plane.admin"] as const;
const TENANT_CANCELLERS = ["control-plane.admin"] as const;

function reachOf(caller: Caller, tenantWide: readonly string[]): Reach {
  const wide = tenantWide.some((capability) => {
    const grant = caller.grants.get(capability);
    return grant !== undefined && !isNarrowed(grant);
  });
  return wide ? { kind: "tenant" } : { kind: "own", principalId: caller.principalId };
}

/** For the runtime's own lookups (approval decisions, starting what the caller just recorded), not a caller's reads. */
export const TENANT_REACH: Reach = { kind: "tenant" };

export const readReach = (caller: Caller): Reach => reachOf(caller, TENANT_READERS);
export const cancelReach = (caller: Caller): Reach => reachOf(caller, TENANT_CANCELLERS);

/**
 * The condition an `executions` query adds for `reach` (undefined: none). For `own` it selects executions
 * whose intent, in the same tenant, has the caller's principal as actor.
 */
export function reachCondition(db: Db, tenantId: string, reach: Reach): SQL | undefined {
  if (reach.kind === "tenant") return undefined;
  return inArray(executions.intentId, ownIntents(db, tenantId, reach.principalId));
}

/** The same for a table that names an execution by id (`drift_alerts.execution_id`). */
export function executionIdInReach(db: Db, tenantId: string, reach: Reach, executionId: SQLiteColumn): SQL | undefined {
  if (reach.kind === "tenant") return undefined;
  const own = db
    .select({ id: executions.id })
    .from(executions)
    .where(and(eq(executions.tenantId, tenantId), inArray(executions.intentId, ownIntents(db, tenantId, reach.principalId))));
  return inArray(executionId, own);
}

/**
 * The intents the principal's person sent: as the principal (API, MCP), or from a channel identity that is theirs,
 * the same ids runtime/identities.ts's personOfPrincipal lists, so what a key reads follows the person the
 * confirmation and requester checks see.
 */
function ownIntents(db: Db, tenantId: string, principalId: string) {
  const tenantLinks = db.select({ identity: principalIdentities.identity }).from(principalIdentities).where(eq(principalIdentities.tenantId, tenantId));
  const linked = db
    .select({ identity: principalIdentities.identity })
    .from(principalIdentities)
    .where(and(eq(principalIdentities.tenantId, tenantId), eq(principalIdentities.principalId, principalId)));
  const home = db
    .select({ identity: principals.channelIdentity })
    .from(principals)
    .where(and(eq(principals.tenantId, tenantId), eq(principals.id, principalId), isNotNull(principals.channelIdentity), notInArray(principals.channelIdentity, tenantLinks)));
  return db
    .select({ id: intents.id })
    .from(intents)
    .where(and(eq(intents.tenantId, tenantId), or(eq(intents.actorId, principalId), inArray(intents.actorId, linked), inArray(intents.actorId, home))));
}
