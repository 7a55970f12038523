import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * One installed skill version. The verified manifest is kept verbatim (it is what plans and the sandbox
 * read); the bundle lives in R2 under `bundle_key`, named by its digest.
 */
export const installedSkills = sqliteTable(
  "installed_skills",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    skill: text("skill").notNull(),
    publisher: text("publisher").notNull(),
    version: text("version").notNull(),
    status: text("status", { enum: ["active", "disabled"] }).notNull(),
    manifest: text("manifest").notNull(),
    manifestDigest: text("manifest_digest").notNull(),
    bundleDigest: text("bundle_digest").notNull(),
    bundleKey: text("bundle_key").notNull(),
    signingKeyId: text("signing_key_id").notNull(),
    installedAt: text("installed_at").notNull(),
    installedBy: text("installed_by").notNull(),
    expiresAt: text("expires_at").notNull(),
    disabledAt: text("disabled_at"),
    disabledReason: text("disabled_reason"),
  },
  (t) => [
    uniqueIndex("installed_skills_version_idx").on(t.tenantId, t.skill, t.version),
    index("installed_skills_status_idx").on(t.tenantId, t.status),
    index("installed_skills_key_idx").on(t.tenantId, t.signingKeyId),
  ],
);
