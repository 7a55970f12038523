import { eq } from "drizzle-orm";
import type { TrustedKeyView } from "../../contracts/common/trusted-key.ts";
import type { RevocationList, TrustStore } from "../../contracts/skills/trust.ts";
import { skillRevocations, trustedPublisherKeys } from "../../schema/index.ts";
import type { Db } from "../db.ts";

type KeyRow = typeof trustedPublisherKeys.$inferSelect;

export interface TenantTrust {
  trustStore: TrustStore;
  revocations: RevocationList;
}

/**
 * The tenant's trust store and revocation list as the install checks read them. Revoked keys stay in
 * the store, so a manifest they signed is refused as KEY_REVOKED rather than KEY_UNKNOWN.
 */
export async function loadTenantTrust(db: Db, tenantId: string): Promise<TenantTrust> {
  const [keys, versions] = await Promise.all([
    db.select().from(trustedPublisherKeys).where(eq(trustedPublisherKeys.tenantId, tenantId)),
    db.select().from(skillRevocations).where(eq(skillRevocations.tenantId, tenantId)),
  ]);
  return {
    trustStore: {
      keys: keys.map((k) => ({ keyId: k.keyId, publisher: k.publisher, publicKey: k.publicKey, notBefore: k.notBefore, notAfter: k.notAfter })),
    },
    revocations: {
      revokedKeys: keys.flatMap((k) => (k.revokedAt === null ? [] : [{ keyId: k.keyId, at: k.revokedAt, reason: k.revokedReason ?? "revoked" }])),
      revokedVersions: versions.map((v) => ({ skill: v.skill, version: v.version, reason: v.reason })),
    },
  };
}

export function trustedKeyView(row: KeyRow): TrustedKeyView {
  return {
    keyId: row.keyId,
    publisher: row.publisher,
    publicKey: row.publicKey,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    status: row.revokedAt === null ? "active" : "revoked",
    addedAt: row.addedAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
  };
}
