import { apiKeys, capabilityGrants } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import { mintApiKey } from "./api-keys.ts";

export interface IssuedKey {
  keyId: string;
  key: string;
  prefix: string;
  capabilities: string[];
  expiresAt: string | null;
}

export interface KeyRequest {
  tenantId: string;
  principalId: string;
  name: string;
  capabilities: readonly string[];
  expiresAt: string | null;
  now: Date;
}

/** The statements that store a new key and its grants, to run in the caller's batch; the plaintext is returned once. */
export async function prepareKey(db: Db, request: KeyRequest) {
  const minted = await mintApiKey();
  const keyId = `key_${crypto.randomUUID().replaceAll("-", "")}`;
  const createdAt = request.now.toISOString();
  const capabilities = [...new Set(request.capabilities)].sort();
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
    ...capabilities.map((capability) =>
      db.insert(capabilityGrants).values({ keyId, tenantId: request.tenantId, capability, createdAt }),
    ),
  ] as const;
  const issued: IssuedKey = { keyId, key: minted.key, prefix: minted.prefix, capabilities, expiresAt: request.expiresAt };
  return { statements, issued };
}
