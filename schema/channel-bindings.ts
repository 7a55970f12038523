import { primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * Which tenant a channel's traffic belongs to: a Slack team id, a GitHub `owner/repo` or
 * `installation:<id>`, a Meta phone number id, or a Twilio number, and the grant narrowing its intents carry.
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
  },
  (t) => [primaryKey({ columns: [t.provider, t.externalId] })],
);
