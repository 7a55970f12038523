import { index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

export const connectionProviders = ["slack", "github", "meta", "twilio"] as const;
export type ConnectionProvider = (typeof connectionProviders)[number];

/**
 * A tenant's install of a provider app, proven by an install flow (Slack OAuth, GitHub App setup) or a provider
 * check (WhatsApp): a Slack team id, a GitHub installation id, a Meta phone number id or a Twilio sender number.
 * The credential is sealed with CREDENTIALS_KEY (runtime/credentials/seal.ts, `v1.<keyId>.<iv>.<ciphertext>`,
 * bound to tenant, provider and external id); NULL once uninstalled or removed. Nothing here is ever answered
 * by an API except `details`, which holds only what the provider shows publicly (team name, account login).
 */
export const connections = sqliteTable(
  "connections",
  {
    provider: text("provider", { enum: connectionProviders }).notNull(),
    externalId: text("external_id").notNull(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    status: text("status", { enum: ["active", "inactive"] }).notNull().default("active"),
    sealedCredential: text("sealed_credential"),
    /** The CREDENTIALS_KEY id that sealed the credential, to find what needs sealing again after a rotation. */
    keyId: text("key_id"),
    details: text("details", { mode: "json" }).$type<Record<string, string>>(),
    installedBy: text("installed_by").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.externalId] }),
    index("connections_tenant_idx").on(t.tenantId, t.provider, t.status),
    index("connections_provider_status_idx").on(t.provider, t.status),
  ],
);

/** One install flow started by a tenant admin: the `state` it carries names this row, used once. */
export const connectStates = sqliteTable("connect_states", {
  id: text("id").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  principalId: text("principal_id").notNull(),
  provider: text("provider", { enum: connectionProviders }).notNull(),
  createdAt: text("created_at").notNull(),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
});
