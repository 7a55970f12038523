import { env } from "cloudflare:workers";
import { saveConnection } from "../../runtime/connections/store.ts";
import type { ConnectionProvider } from "../../schema/connections.ts";
import { database } from "../../workers/db.ts";

/** Inserts a tenant row directly (no admin key needed for storage-level tests). */
export async function tenant(id: string): Promise<void> {
  await env.DB.prepare("INSERT OR IGNORE INTO tenants (id, name, created_at) VALUES (?, ?, ?)").bind(id, id, "2026-12-04T00:00:00Z").run();
}

/** Stores an active install, as an install flow would, and fails the test when it is refused. */
export async function install(tenantId: string, provider: ConnectionProvider, externalId: string, credential: string | null, details: Record<string, string> = {}): Promise<void> {
  const saved = await saveConnection(database(env.DB), env.CREDENTIALS_KEY, { tenantId, provider, externalId, credential, details, installedBy: `admin-${tenantId}` }, new Date("2026-12-04T12:00:00Z"));
  if (!saved.ok) throw new Error(`install refused: ${saved.code}`);
}
