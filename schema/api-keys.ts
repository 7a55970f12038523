import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { principals } from "./principals.ts";
import { tenants } from "./tenants.ts";

/** Only the SHA-256 of a key is stored; the prefix finds the row, the hash proves the key. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    principalId: text("principal_id")
      .notNull()
      .references(() => principals.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    expiresAt: text("expires_at"),
    revokedAt: text("revoked_at"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("api_keys_prefix_idx").on(t.prefix), index("api_keys_tenant_idx").on(t.tenantId)],
);
