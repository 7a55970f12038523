import { and, eq, inArray } from "drizzle-orm";
import type { ApiKeyView } from "../../../contracts/common/api-key.ts";
import { apiKeys, capabilityGrants } from "../../../schema/index.ts";
import type { Db } from "../../db.ts";
import { grantOf } from "../grant-rows.ts";

type KeyRow = typeof apiKeys.$inferSelect;

/** Keys as lists show them, with their grants; never the hash. */
export async function keyViews(db: Db, tenantId: string, rows: KeyRow[]): Promise<ApiKeyView[]> {
  if (rows.length === 0) return [];
  const grants = await db
    .select()
    .from(capabilityGrants)
    .where(and(eq(capabilityGrants.tenantId, tenantId), inArray(capabilityGrants.keyId, rows.map((r) => r.id))));
  return rows.map((row) => ({
    keyId: row.id,
    name: row.name,
    prefix: row.prefix,
    principalId: row.principalId,
    capabilities: grants.filter((g) => g.keyId === row.id).map((g) => g.capability).sort(),
    grants: grants
      .filter((g) => g.keyId === row.id)
      .sort((a, b) => (a.capability < b.capability ? -1 : a.capability > b.capability ? 1 : 0))
      .map(grantOf),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  }));
}
