import { and, eq } from "drizzle-orm";
import { apiKeys, capabilityGrants, principals } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import { digestsEqual, keyPrefix, sha256Hex } from "./api-keys.ts";
import type { Caller } from "./caller.ts";
import { grantColumns, grantsOf } from "./grant-rows.ts";
import { ProblemError } from "./problem.ts";

const unauthenticated = () =>
  new ProblemError(401, "UNAUTHENTICATED", "A valid API key is required (Authorization: Bearer <key>).");

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([^\s]+)$/.exec(header ?? "");
  return match?.[1];
}

/**
 * Every failure answers the same 401, whatever part failed, so a caller learns nothing about which
 * keys exist. Expiry and revocation are checked against `now`, the request's clock.
 */
export async function authenticate(db: Db, authorization: string | undefined, now: Date): Promise<Caller> {
  const token = bearerToken(authorization);
  const prefix = token === undefined ? undefined : keyPrefix(token);
  if (token === undefined || prefix === undefined) throw unauthenticated();

  const presentedHash = await sha256Hex(token);
  // One round trip: the key row with each of its grants (a key without grants still comes back, once).
  const rows = await db
    .select({
      key: { id: apiKeys.id, tenantId: apiKeys.tenantId, principalId: apiKeys.principalId, hash: apiKeys.hash, revokedAt: apiKeys.revokedAt, expiresAt: apiKeys.expiresAt },
      principalType: principals.type,
      ...grantColumns,
    })
    .from(apiKeys)
    .innerJoin(principals, and(eq(principals.id, apiKeys.principalId), eq(principals.tenantId, apiKeys.tenantId)))
    .leftJoin(capabilityGrants, and(eq(capabilityGrants.keyId, apiKeys.id), eq(capabilityGrants.tenantId, apiKeys.tenantId)))
    .where(eq(apiKeys.prefix, prefix));
  const row = rows[0]?.key;
  const principalType = rows[0]?.principalType;
  const storedHash = row?.hash ?? "0".repeat(64);
  const matches = digestsEqual(presentedHash, storedHash);
  if (!row || !matches || principalType === undefined) throw unauthenticated();
  if (row.revokedAt !== null) throw unauthenticated();
  if (row.expiresAt !== null && Date.parse(row.expiresAt) <= now.getTime()) throw unauthenticated();

  return {
    tenantId: row.tenantId,
    principalId: row.principalId,
    principalType,
    keyId: row.id,
    ...grantsOf(rows),
  };
}

/** The operator's bootstrap token; unset means bootstrap is disabled (404, closed). */
export async function checkBootstrapToken(configured: string | undefined, authorization: string | undefined) {
  if (!configured) throw new ProblemError(404, "BOOTSTRAP_DISABLED", "Bootstrap is not enabled on this deployment.");
  const token = bearerToken(authorization) ?? "";
  const ok = digestsEqual(await sha256Hex(token), await sha256Hex(configured));
  if (!ok) throw new ProblemError(401, "UNAUTHENTICATED", "A valid bootstrap token is required.");
}
