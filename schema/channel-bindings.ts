import { primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * Which tenant a channel's traffic belongs to: a Slack team id, a GitHub `owner/repo` or
 * `installation:<id>`, a Meta phone number id, or a Twilio number.
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
  },
  (t) => [primaryKey({ columns: [t.provider, t.externalId] })],
);
