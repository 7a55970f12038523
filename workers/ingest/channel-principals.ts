import { CHANNEL_IDENTITY_PATTERN } from "../../contracts/common/principal-identity.ts";
import type { Intent } from "../../contracts/intent.ts";
import { sha256Hex } from "../../engine/hash.ts";
import { principalIdentities, principals, tenants } from "../../schema/index.ts";

/** Actor ids the channel normalizers set: `slack:<team>:<user>`, `github:<user id>`, `whatsapp:<+E164>` (Meta and Twilio alike). */
export function isChannelIdentity(id: string): boolean {
  return CHANNEL_IDENTITY_PATTERN.test(id);
}

/** The same principal id for the same person of the same tenant, however many deliveries name them. */
export function channelPrincipalId(tenantId: string, identity: string): string {
  return `pr_${sha256Hex(`${tenantId}\n${identity}`).slice(0, 32)}`;
}

const p = principals;
const l = principalIdentities;
/**
 * INSERT … SELECT from the tenant's own row: one row when the tenant exists, none otherwise, and none for an
 * identity an admin linked to a principal (it already belongs to someone). Names from the drizzle tables.
 */
const insertChannelPrincipalSql =
  `INSERT INTO "principals" ("${p.id.name}", "${p.tenantId.name}", "${p.type.name}", "${p.displayName.name}", "${p.channelIdentity.name}", "${p.createdAt.name}") ` +
  `SELECT ?, "${tenants.id.name}", 'human', ?, ?, ? FROM "tenants" WHERE "${tenants.id.name}" = ? ` +
  `AND NOT EXISTS (SELECT 1 FROM "principal_identities" WHERE "${l.tenantId.name}" = ? AND "${l.identity.name}" = ?) ON CONFLICT DO NOTHING`;

/**
 * Statements that make each channel user named by these intents a `human` principal of the intent's tenant,
 * to run in the delivery's own batch. `ON CONFLICT DO NOTHING` (the id, or the tenant's unique channel
 * identity) makes repeats and concurrent copies harmless and never touches an existing principal (one an
 * admin created with this identity keeps its id, name and groups). A tenant that does not exist yet (channel
 * traffic to DEFAULT_TENANT before bootstrap) gets no principal: the insert selects nothing rather than
 * failing the batch. No group and no key: channel principals are denied everything by default.
 */
export function channelPrincipalStatements(d1: D1Database, intents: readonly Intent[], now: Date): D1PreparedStatement[] {
  const seen = new Set<string>();
  const at = now.toISOString();
  const statements: D1PreparedStatement[] = [];
  for (const intent of intents) {
    const identity = intent.actor.id;
    const key = `${intent.tenantId}\n${identity}`;
    if (intent.actor.type !== "human" || !isChannelIdentity(identity) || seen.has(key)) continue;
    seen.add(key);
    const id = channelPrincipalId(intent.tenantId, identity);
    statements.push(d1.prepare(insertChannelPrincipalSql).bind(id, identity, identity, at, intent.tenantId, intent.tenantId, identity));
  }
  return statements;
}
