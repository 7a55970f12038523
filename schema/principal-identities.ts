import { index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { principals } from "./principals.ts";

/**
 * Channel identities an admin linked to a principal: one person, several channels (`slack:T:U`, `github:<id>`,
 * `whatsapp:<+E164>`). An identity belongs to at most one principal of a tenant (the primary key); a link
 * overrides the identity's own channel principal (the one its first message created) for every lookup.
 */
export const principalIdentities = sqliteTable(
  "principal_identities",
  {
    tenantId: text("tenant_id").notNull(),
    identity: text("identity").notNull(),
    principalId: text("principal_id")
      .notNull()
      .references(() => principals.id),
    linkedBy: text("linked_by").notNull(),
    linkedAt: text("linked_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.identity] }), index("principal_identities_principal_idx").on(t.tenantId, t.principalId)],
);
