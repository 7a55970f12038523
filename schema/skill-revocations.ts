import { primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Skill versions a tenant withdrew: install refuses them and an installed one is disabled. */
export const skillRevocations = sqliteTable(
  "skill_revocations",
  {
    tenantId: text("tenant_id").notNull(),
    skill: text("skill").notNull(),
    version: text("version").notNull(),
    reason: text("reason").notNull(),
    revokedAt: text("revoked_at").notNull(),
    revokedBy: text("revoked_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.skill, t.version] })],
);
