import { and, eq } from "drizzle-orm";
import type { Approver } from "../../durable-objects/approval-gate.ts";
import { principals } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import { rolesOf } from "../policy/groups.ts";

/** A principal of the tenant as the approval gate sees it, or undefined when it is not the tenant's. */
export async function approverOf(db: Db, tenantId: string, principalId: string): Promise<Approver | undefined> {
  const principal = await db.query.principals.findFirst({ where: and(eq(principals.id, principalId), eq(principals.tenantId, tenantId)) });
  if (!principal) return undefined;
  return {
    actor: { type: principal.type, id: principal.id },
    identities: principal.channelIdentity === null ? [principal.id] : [principal.id, principal.channelIdentity],
    roles: await rolesOf(db, tenantId, principal.id),
  };
}

/** A channel identity (`slack:T:U`) mapped to its principal through the principals table. */
export async function approverByIdentity(db: Db, tenantId: string, identity: string): Promise<Approver | undefined> {
  const principal = await db.query.principals.findFirst({ where: and(eq(principals.channelIdentity, identity), eq(principals.tenantId, tenantId)) });
  return principal ? approverOf(db, tenantId, principal.id) : undefined;
}
