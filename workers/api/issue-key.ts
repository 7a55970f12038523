import type { GrantScope } from "../../contracts/common/grant.ts";
import { apiKeys, capabilityGrants } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import { mintApiKey } from "./api-keys.ts";

export interface IssuedKey {
  keyId: string;
  key: string;
  prefix: string;
  capabilities: string[];
  grants: GrantScope[];
  expiresAt: string | null;
}

export interface KeyRequest {
  tenantId: string;
  principalId: string;
  name: string;
  /** Capability keys, or grants with their narrowing (one per capability). */
  capabilities: readonly (string | GrantScope)[];
  expiresAt: string | null;
  now: Date;
}

/** The statements that store a new key and its grants, to run in the caller's batch; the plaintext is returned once. */
export async function prepareKey(db: Db, request: KeyRequest) {
  const minted = await mintApiKey();
  const keyId = `key_${crypto.randomUUID().replaceAll("-", "")}`;
  const createdAt = request.now.toISOString();
  const byCapability = new Map<string, GrantScope>();
  for (const c of request.capabilities) {
    const grant: GrantScope = typeof c === "string" ? { capability: c, tools: null, channels: null, constraints: null } : c;
    byCapability.set(grant.capability, grant);
  }
  const grants = [...byCapability.values()].sort((a, b) => (a.capability < b.capability ? -1 : a.capability > b.capability ? 1 : 0));
  const capabilities = grants.map((g) => g.capability);
  const statements = [
    db.insert(apiKeys).values({
      id: keyId,
      tenantId: request.tenantId,
      principalId: request.principalId,
      name: request.name,
      prefix: minted.prefix,
      hash: minted.hash,
      expiresAt: request.expiresAt,
      revokedAt: null,
      createdAt,
    }),
    ...grants.map((g) =>
      db.insert(capabilityGrants).values({
        keyId,
        tenantId: request.tenantId,
        capability: g.capability,
        tools: g.tools,
        channels: g.channels,
        constraints: g.constraints,
        createdAt,
      }),
    ),
  ] as const;
  const issued: IssuedKey = { keyId, key: minted.key, prefix: minted.prefix, capabilities, grants, expiresAt: request.expiresAt };
  return { statements, issued };
}
