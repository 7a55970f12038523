import { and, asc, eq } from "drizzle-orm";
import type { McpServerView } from "../../../contracts/common/mcp-server.ts";
import { UpstreamManifest } from "../../../contracts/mcp/upstream-manifest.ts";
import { definitionDigest } from "../../../engine/upstream/definition-digest.ts";
import { upstreamToolKey } from "../../../engine/upstream/tool-key.ts";
import { mcpServers } from "../../../schema/index.ts";
import type { Db } from "../../db.ts";

export type McpServerRow = typeof mcpServers.$inferSelect;

/** The stored manifest, re-parsed: it was verified at registration, and parsing again keeps it typed. */
export function upstreamManifestOf(row: McpServerRow): UpstreamManifest {
  return UpstreamManifest.parse(JSON.parse(row.manifest));
}

export function registeredServersQuery(db: Db, tenantId: string) {
  return db.select().from(mcpServers).where(eq(mcpServers.tenantId, tenantId)).orderBy(asc(mcpServers.name));
}

/** Manifests of the tenant's registered upstream servers, in name order: what its plans may use. */
export async function upstreamManifests(db: Db, tenantId: string): Promise<UpstreamManifest[]> {
  return (await registeredServersQuery(db, tenantId)).map(upstreamManifestOf);
}

export async function registeredServer(db: Db, tenantId: string, name: string): Promise<McpServerRow | undefined> {
  return db.query.mcpServers.findFirst({ where: and(eq(mcpServers.tenantId, tenantId), eq(mcpServers.name, name)) });
}

/** The authenticated data a server's sealed credential is bound to: it opens for this tenant and server only. */
export function credentialContext(tenantId: string, name: string): string {
  return `mcp-server:${tenantId}:${name}`;
}

export function mcpServerView(row: McpServerRow): McpServerView {
  const manifest = upstreamManifestOf(row);
  return {
    name: row.name,
    url: row.url,
    publisher: manifest.publisher,
    version: row.version,
    manifestDigest: row.manifestDigest,
    signingKeyId: row.signingKeyId,
    tools: manifest.tools.map((tool) => ({
      key: upstreamToolKey(manifest.server, tool.name),
      name: tool.name,
      risk: tool.risk ?? "high",
      sideEffect: tool.sideEffect,
      definitionDigest: definitionDigest(tool),
    })),
    hasCredential: row.sealedCredential !== null,
    registeredAt: row.registeredAt,
    registeredBy: row.registeredBy,
  };
}
