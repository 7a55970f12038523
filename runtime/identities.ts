import { and, eq, or } from "drizzle-orm";
import type { PrincipalIdentity } from "../contracts/common/principal-identity.ts";
import type { Actor } from "../contracts/intent.ts";
import { groupMembers, principalIdentities, principals } from "../schema/index.ts";
import type { Db } from "./db.ts";

/**
 * One person as governance sees them: the principal, every id they are known by, and their groups. Requester
 * exclusion compares `identities`, quorum counts `principal`s, and roles follow the principal, so a person
 * holding several channel identities is one requester, one vote and one set of groups on every channel.
 */
export interface Person {
  principal: Actor;
  identities: PrincipalIdentity[];
  roles: string[];
}

export function identityIds(person: Person): string[] {
  return person.identities.map((i) => i.identity);
}

/**
 * The principal an id names in a tenant: a linked identity's principal first (a link overrides the identity's
 * own channel principal), else the principal with that id, else the principal created under that channel identity.
 */
export async function principalIdOf(db: Db, tenantId: string, id: string): Promise<string | undefined> {
  const [linked, direct] = await db.batch(principalIdQueries(db, tenantId, id));
  return principalIdFrom(linked, direct);
}

/** principalIdOf's two reads, for a caller that sends them in a larger D1 batch. */
export function principalIdQueries(db: Db, tenantId: string, id: string) {
  return [
    db
      .select({ principalId: principalIdentities.principalId })
      .from(principalIdentities)
      .where(and(eq(principalIdentities.tenantId, tenantId), eq(principalIdentities.identity, id))),
    db
      .select({ id: principals.id })
      .from(principals)
      .where(and(eq(principals.tenantId, tenantId), or(eq(principals.id, id), eq(principals.channelIdentity, id)))),
  ] as const;
}

export function principalIdFrom(linked: readonly { principalId: string }[], direct: readonly { id: string }[]): string | undefined {
  return linked[0]?.principalId ?? direct.map((r) => r.id).sort()[0];
}

/** A principal of the tenant with its identities and groups; undefined when the tenant has no such principal. */
export async function personOfPrincipal(db: Db, tenantId: string, principalId: string): Promise<Person | undefined> {
  const [rows, links, groups] = await db.batch([
    db
      .select({ id: principals.id, type: principals.type, home: principals.channelIdentity, homeOwner: principalIdentities.principalId })
      .from(principals)
      .leftJoin(principalIdentities, and(eq(principalIdentities.tenantId, principals.tenantId), eq(principalIdentities.identity, principals.channelIdentity)))
      .where(and(eq(principals.id, principalId), eq(principals.tenantId, tenantId))),
    db
      .select()
      .from(principalIdentities)
      .where(and(eq(principalIdentities.tenantId, tenantId), eq(principalIdentities.principalId, principalId))),
    db
      .select({ group: groupMembers.group })
      .from(groupMembers)
      .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.principalId, principalId))),
  ]);
  const row = rows[0];
  if (row === undefined) return undefined;
  const identities: PrincipalIdentity[] = [{ identity: row.id, source: "principal", linkedBy: null, linkedAt: null }];
  // A channel identity linked to someone else is theirs now; linked to this principal, it is listed once, as linked.
  if (row.home !== null && row.homeOwner === null) identities.push({ identity: row.home, source: "channel", linkedBy: null, linkedAt: null });
  const linked = [...links].sort((a, b) => a.identity.localeCompare(b.identity));
  for (const l of linked) identities.push({ identity: l.identity, source: "linked", linkedBy: l.linkedBy, linkedAt: l.linkedAt });
  return {
    principal: { type: row.type, id: row.id },
    identities,
    roles: [...new Set(groups.map((g) => g.group))].sort(),
  };
}

/** The person an id (principal id or channel identity) names in a tenant, resolved through links. */
export async function personOf(db: Db, tenantId: string, id: string): Promise<Person | undefined> {
  const principalId = await principalIdOf(db, tenantId, id);
  return principalId === undefined ? undefined : personOfPrincipal(db, tenantId, principalId);
}
