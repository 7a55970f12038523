import { and, eq, or } from "drizzle-orm";
import { connections, type ConnectionProvider } from "../../schema/connections.ts";
import type { Db } from "../db.ts";
import { keyringFrom, type Keyring } from "../credentials/keyring.ts";
import { openCredential, sealCredential, sealedKeyId } from "../credentials/seal.ts";
import { forgetProviderPresence } from "./provider-presence.ts";

export type ConnectionRow = typeof connections.$inferSelect;

// Importing the AES keys costs a Web Crypto call per key; every step opening a credential would pay it again.
// Resolved keyrings only (no shared promises across requests), per isolate, per CREDENTIALS_KEY value.
const keyrings = new Map<string, Keyring>();

async function keyringOf(credentialsKey: string | undefined): Promise<Keyring> {
  const known = credentialsKey === undefined ? undefined : keyrings.get(credentialsKey);
  if (known !== undefined) return known;
  const ring = await keyringFrom(credentialsKey);
  if (credentialsKey !== undefined) keyrings.set(credentialsKey, ring);
  return ring;
}

export interface SaveConnection {
  tenantId: string;
  provider: ConnectionProvider;
  externalId: string;
  /** The provider credential in clear; only its sealed form is stored. `null`: the install holds none (a GitHub App
   * installation: its tokens are minted from the App's key when needed). */
  credential: string | null;
  details: Record<string, string>;
  installedBy: string;
}

export type SaveOutcome = { ok: true; row: ConnectionRow } | { ok: false; code: "CONNECTION_TAKEN" };

/**
 * Authenticated data of a sealed credential: a sealed value copied into another tenant's row, or onto another
 * install, does not open there.
 */
export function connectionContext(tenantId: string, provider: ConnectionProvider, externalId: string): string {
  return `connection:${tenantId}:${provider}:${externalId}`;
}

/**
 * Stores (or replaces) a tenant's install with its credential sealed. An install another tenant holds active
 * is refused; an inactive one (uninstalled) may be taken over by whoever installs again.
 */
export async function saveConnection(db: Db, credentialsKey: string | undefined, save: SaveConnection, now: Date): Promise<SaveOutcome> {
  const at = now.toISOString();
  const sealed = save.credential === null ? null : await sealCredential(await keyringOf(credentialsKey), save.credential, connectionContext(save.tenantId, save.provider, save.externalId));
  const fields = {
    tenantId: save.tenantId,
    status: "active" as const,
    sealedCredential: sealed,
    keyId: sealed === null ? null : (sealedKeyId(sealed) ?? null),
    details: save.details,
    installedBy: save.installedBy,
    updatedAt: at,
  };
  const [row] = await db
    .insert(connections)
    .values({ provider: save.provider, externalId: save.externalId, createdAt: at, ...fields })
    .onConflictDoUpdate({
      target: [connections.provider, connections.externalId],
      set: fields,
      // Conditional: an active install of another tenant is never overwritten.
      setWhere: or(eq(connections.tenantId, save.tenantId), eq(connections.status, "inactive")),
    })
    .returning();
  forgetProviderPresence(save.provider);
  return row === undefined ? { ok: false, code: "CONNECTION_TAKEN" } : { ok: true, row };
}

/** The provider credential of an active install, opened; undefined when it is inactive or holds none. */
export async function openConnection(credentialsKey: string | undefined, row: ConnectionRow): Promise<string | undefined> {
  if (row.status !== "active" || row.sealedCredential === null) return undefined;
  return openCredential(await keyringOf(credentialsKey), row.sealedCredential, connectionContext(row.tenantId, row.provider, row.externalId));
}

/** Uninstalled, revoked or removed: the credential is dropped (not just flagged) and the install is inactive. */
export async function deactivateConnection(db: Db, provider: ConnectionProvider, externalId: string, now: Date, tenantId?: string): Promise<ConnectionRow | undefined> {
  const [row] = await db
    .update(connections)
    .set({ status: "inactive", sealedCredential: null, keyId: null, updatedAt: now.toISOString() })
    .where(and(eq(connections.provider, provider), eq(connections.externalId, externalId), tenantId === undefined ? undefined : eq(connections.tenantId, tenantId)))
    .returning();
  forgetProviderPresence(provider);
  return row;
}

/**
 * A suspended GitHub App installation that GitHub unsuspends: it holds no stored credential (tokens are minted),
 * so it can be active again for the tenant that installed it.
 */
export async function reactivateGithubInstall(db: Db, installationId: string, now: Date): Promise<ConnectionRow | undefined> {
  const [row] = await db
    .update(connections)
    .set({ status: "active", updatedAt: now.toISOString() })
    .where(and(eq(connections.provider, "github"), eq(connections.externalId, installationId), eq(connections.status, "inactive")))
    .returning();
  forgetProviderPresence("github");
  return row;
}

/**
 * After a CREDENTIALS_KEY rotation (new key first, old one kept after it), each credential is sealed again with
 * the current key the next time a step opens it; once `connections.key_id` names only the current key, the old
 * one can be dropped. Conditional on the row still holding what was opened, so a concurrent replace wins.
 */
export async function resealIfStale(db: Db, credentialsKey: string | undefined, row: ConnectionRow, plaintext: string, now: Date): Promise<void> {
  const keyring = await keyringOf(credentialsKey);
  if (row.sealedCredential === null || row.keyId === keyring.current.keyId) return;
  const sealed = await sealCredential(keyring, plaintext, connectionContext(row.tenantId, row.provider, row.externalId));
  await db
    .update(connections)
    .set({ sealedCredential: sealed, keyId: keyring.current.keyId, updatedAt: now.toISOString() })
    .where(and(eq(connections.provider, row.provider), eq(connections.externalId, row.externalId), eq(connections.sealedCredential, row.sealedCredential)));
}
