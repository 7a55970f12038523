import { and, eq } from "drizzle-orm";
import { apiKeys, capabilityGrants } from "../../schema/index.ts";
import type { Caller } from "../api/caller.ts";
import { grantColumns, grantsOf } from "../api/grant-rows.ts";
import type { Db } from "../db.ts";

/**
 * The caller a session stands for, re-read on every request: a revoked or expired key, or one that no
 * longer exists, gives undefined and the session ends. Mirrors `authenticate` after the hash check.
 */
export async function sessionCaller(db: Db, keyId: string, now: Date): Promise<Caller | undefined> {
  const rows = await db
    .select({ key: apiKeys, ...grantColumns })
    .from(apiKeys)
    .leftJoin(capabilityGrants, and(eq(capabilityGrants.keyId, apiKeys.id), eq(capabilityGrants.tenantId, apiKeys.tenantId)))
    .where(eq(apiKeys.id, keyId));
  const row = rows[0]?.key;
  if (!row || row.revokedAt !== null) return undefined;
  if (row.expiresAt !== null && Date.parse(row.expiresAt) <= now.getTime()) return undefined;
  return {
    tenantId: row.tenantId,
    principalId: row.principalId,
    keyId: row.id,
    ...grantsOf(rows),
  };
}
