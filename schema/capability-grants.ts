import { primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { apiKeys } from "./api-keys.ts";

/** Capabilities a key may exercise, optionally narrowed. A key with no grant for a contract's capability gets 403. */
export const capabilityGrants = sqliteTable(
  "capability_grants",
  {
    keyId: text("key_id")
      .notNull()
      .references(() => apiKeys.id),
    tenantId: text("tenant_id").notNull(),
    capability: text("capability").notNull(),
    /** Narrowing, JSON; NULL means not narrowed in that dimension. Tool patterns the grant may cause to run. */
    tools: text("tools", { mode: "json" }).$type<string[]>(),
    /** Channel kinds an intent may belong to or reply to under this grant. */
    channels: text("channels", { mode: "json" }).$type<string[]>(),
    /** Argument constraints (`{ tools?, args: ArgPredicate[] }[]`, the policy document's predicates). */
    constraints: text("constraints", { mode: "json" }).$type<unknown[]>(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.capability] })],
);
