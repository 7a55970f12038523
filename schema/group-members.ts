import { index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { principals } from "./principals.ts";

/** Which principals belong to which of a tenant's groups (`approvers`, …); policy names groups. */
export const groupMembers = sqliteTable(
  "group_members",
  {
    tenantId: text("tenant_id").notNull(),
    group: text("group_name").notNull(),
    principalId: text("principal_id")
      .notNull()
      .references(() => principals.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.group, t.principalId] }), index("group_members_principal_idx").on(t.tenantId, t.principalId)],
);
