import { primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { apiKeys } from "./api-keys.ts";

/** Capabilities a key may exercise. A key with no grant for a contract's capability gets 403. */
export const capabilityGrants = sqliteTable(
  "capability_grants",
  {
    keyId: text("key_id")
      .notNull()
      .references(() => apiKeys.id),
    tenantId: text("tenant_id").notNull(),
    capability: text("capability").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.capability] })],
);
