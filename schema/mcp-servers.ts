import { primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A tenant's registered upstream MCP servers: the signed manifest that pins each tool's definition, and the
 * credential sealed with CREDENTIALS_KEY (runtime/credentials/seal.ts; `v1.<keyId>.<iv>.<ciphertext>`, never clear text).
 */
export const mcpServers = sqliteTable(
  "mcp_servers",
  {
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    url: text("url").notNull(),
    manifest: text("manifest").notNull(),
    manifestDigest: text("manifest_digest").notNull(),
    version: text("version").notNull(),
    signingKeyId: text("signing_key_id").notNull(),
    sealedCredential: text("sealed_credential"),
    registeredAt: text("registered_at").notNull(),
    registeredBy: text("registered_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] })],
);
