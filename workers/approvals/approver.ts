import type { Approver } from "../../engine/approval-gate.ts";
import { identityIds, type Person, personOf, personOfPrincipal } from "../../runtime/identities.ts";
import type { Db } from "../db.ts";

function approverFrom(person: Person): Approver {
  return { actor: person.principal, identities: identityIds(person), roles: person.roles };
}

/**
 * A principal of the tenant as the approval gate sees it, or undefined when it is not the tenant's: the
 * principal votes (one vote per person), with every identity it is known by (requester exclusion) and its groups.
 */
export async function approverOf(db: Db, tenantId: string, principalId: string): Promise<Approver | undefined> {
  const person = await personOfPrincipal(db, tenantId, principalId);
  return person === undefined ? undefined : approverFrom(person);
}

/** A channel identity (`slack:T:U`) as the person it belongs to: the principal it is linked to, else its own. */
export async function approverByIdentity(db: Db, tenantId: string, identity: string): Promise<Approver | undefined> {
  const person = await personOf(db, tenantId, identity);
  return person === undefined ? undefined : approverFrom(person);
}
