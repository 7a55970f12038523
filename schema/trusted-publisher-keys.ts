import { index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A tenant's trust store: publisher keys, each bound to one namespace. A revoked key stays as a row
 * (`revoked_at` set) so the revocation list is this table's revoked rows and the key id cannot be re-added.
 */
export const trustedPublisherKeys = sqliteTable(
  "trusted_publisher_keys",
  {
    tenantId: text("tenant_id").notNull(),
    keyId: text("key_id").notNull(),
    publisher: text("publisher").notNull(),
    publicKey: text("public_key").notNull(),
    notBefore: text("not_before").notNull(),
    notAfter: text("not_after").notNull(),
    addedAt: text("added_at").notNull(),
    addedBy: text("added_by").notNull(),
    revokedAt: text("revoked_at"),
    revokedReason: text("revoked_reason"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.keyId] }), index("trusted_publisher_keys_publisher_idx").on(t.tenantId, t.publisher)],
);
