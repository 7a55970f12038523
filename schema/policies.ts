import { index, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/** Published policy versions: immutable rows, never updated or deleted. `document` is the normalised JSON. */
export const policies = sqliteTable(
  "policies",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    /** 1, 2, … per tenant, as text so the built-in `default-N` fits the same column elsewhere. */
    version: text("version").notNull(),
    hash: text("hash").notNull(),
    name: text("name").notNull(),
    document: text("document").notNull(),
    publishedAt: text("published_at").notNull(),
    publishedBy: text("published_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.version] }), uniqueIndex("policies_tenant_hash_idx").on(t.tenantId, t.hash)],
);

/** Every activation, newest last; the latest row of a tenant is the policy in force. */
export const policyActivations = sqliteTable(
  "policy_activations",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    version: text("version").notNull(),
    hash: text("hash").notNull(),
    reason: text("reason"),
    activatedAt: text("activated_at").notNull(),
    activatedBy: text("activated_by").notNull(),
  },
  (t) => [index("policy_activations_tenant_idx").on(t.tenantId, t.activatedAt)],
);
