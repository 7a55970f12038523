import { sql } from "drizzle-orm";
import { index, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * Which tenant a channel's traffic belongs to: a Slack team id, a GitHub `owner/repo` or
 * `installation:<id>`, a Meta phone number id, or a Twilio number, and the grant narrowing its intents carry.
 * A binding is `pending` (a claim: routes nothing, allows no reply) until a signed delivery from inside the
 * channel carries its one-time code; several tenants may claim a channel, at most one holds it `confirmed`.
 */
export const channelBindings = sqliteTable(
  "channel_bindings",
  {
    provider: text("provider", { enum: ["slack", "github", "meta", "twilio"] }).notNull(),
    externalId: text("external_id").notNull(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    createdAt: text("created_at").notNull(),
    /**
     * The narrowing (`{ tools, channels, constraints }`, `null` per dimension when not narrowed) of the
     * intent-submit grant every intent arriving through this channel runs under; `null`: not narrowed.
     */
    grantScope: text("grant_scope", { mode: "json" }),
    /** Rows that predate confirmation were never proven: they start pending like every new claim. */
    status: text("status", { enum: ["pending", "confirmed"] }).notNull().default("pending"),
    /** sha256 hex of the pending claim's one-time code; NULL once confirmed (a code confirms once). */
    codeHash: text("code_hash"),
    codeExpiresAt: text("code_expires_at"),
    confirmedAt: text("confirmed_at"),
    /** GitHub: the installation the confirming delivery came through, so an overlapping installation binding is refused. */
    installationId: text("installation_id"),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.externalId, t.tenantId] }),
    uniqueIndex("channel_bindings_confirmed_idx").on(t.provider, t.externalId).where(sql`status = 'confirmed'`),
    index("channel_bindings_tenant_idx").on(t.tenantId, t.provider, t.externalId),
  ],
);
