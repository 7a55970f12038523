import { and, eq } from "drizzle-orm";
import { apiKeys, capabilityGrants, principals } from "../../schema/index.ts";
import type { Caller } from "../api/caller.ts";
import { grantColumns, grantsOf } from "../api/grant-rows.ts";
import type { Db } from "../db.ts";

/**
 * The caller a session stands for, re-read on every request: a revoked or expired key, or one that no
 * longer exists, gives undefined and the session ends. Mirrors `authenticate` after the hash check.
 */
export async function sessionCaller(db: Db, keyId: string, now: Date): Promise<Caller | undefined> {
  const rows = await db
    .select({ key: apiKeys, principalType: principals.type, ...grantColumns })
    .from(apiKeys)
    .innerJoin(principals, and(eq(principals.id, apiKeys.principalId), eq(principals.tenantId, apiKeys.tenantId)))
    .leftJoin(capabilityGrants, and(eq(capabilityGrants.keyId, apiKeys.id), eq(capabilityGrants.tenantId, apiKeys.tenantId)))
    .where(eq(apiKeys.id, keyId));
  const row = rows[0]?.key;
  const principalType = rows[0]?.principalType;
  if (!row || principalType === undefined || row.revokedAt !== null) return undefined;
  if (row.expiresAt !== null && Date.parse(row.expiresAt) <= now.getTime()) return undefined;
  return {
    tenantId: row.tenantId,
    principalId: row.principalId,
    principalType,
    keyId: row.id,
    ...grantsOf(rows),
  };
}
