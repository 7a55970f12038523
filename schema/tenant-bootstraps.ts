import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * At most one row per tenant: inserted in the same batch as the first admin key, so a second
 * bootstrap (even a concurrent one) fails the whole batch on the primary key and creates nothing.
 */
export const tenantBootstraps = sqliteTable("tenant_bootstraps", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id),
  keyId: text("key_id").notNull(),
  createdAt: text("created_at").notNull(),
});
