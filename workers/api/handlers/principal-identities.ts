import { and, eq } from "drizzle-orm";
import type { PrincipalIdentities } from "../../../contracts/common/principal-identity.ts";
import { personOfPrincipal, type Person } from "../../../runtime/identities.ts";
import { apiKeys, groupMembers, principalIdentities, principals } from "../../../schema/index.ts";
import type { Db } from "../../db.ts";
import { ProblemError } from "../problem.ts";

export function identitiesView(person: Person): PrincipalIdentities {
  return { principalId: person.principal.id, identities: person.identities };
}

/** The tenant's principal with its identities, or 404 PRINCIPAL_NOT_FOUND (another tenant's principals do not exist here). */
export async function requirePerson(db: Db, tenantId: string, principalId: string): Promise<Person> {
  const person = await personOfPrincipal(db, tenantId, principalId);
  if (person === undefined) throw new ProblemError(404, "PRINCIPAL_NOT_FOUND", `No principal ${principalId} in this tenant.`);
  return person;
}

export const alreadyLinked = (identity: string) =>
  new ProblemError(409, "IDENTITY_ALREADY_LINKED", `${identity} belongs to another principal.`, [{ path: "identity", message: "belongs to another principal" }]);

/**
 * Whether a channel principal is only a placeholder its first message created: no key, no group, no linked
 * identity. Linking its identity to a real person takes it over; anything more, and it is someone.
 */
export async function isPlaceholder(db: Db, tenantId: string, principalId: string): Promise<boolean> {
  const [keys, groups, links] = await db.batch([
    db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.principalId, principalId))).limit(1),
    db.select({ g: groupMembers.group }).from(groupMembers).where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.principalId, principalId))).limit(1),
    db
      .select({ i: principalIdentities.identity })
      .from(principalIdentities)
      .where(and(eq(principalIdentities.tenantId, tenantId), eq(principalIdentities.principalId, principalId)))
      .limit(1),
  ]);
  return keys.length === 0 && groups.length === 0 && links.length === 0;
}

/** The principal whose own channel identity this is, if any (`principals.channel_identity`). */
export async function channelPrincipalOf(db: Db, tenantId: string, identity: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: principals.id })
    .from(principals)
    .where(and(eq(principals.tenantId, tenantId), eq(principals.channelIdentity, identity)))
    .limit(1);
  return row?.id;
}
