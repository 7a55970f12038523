import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/** Who acts: people, services, agents and tools. Channel users become principals keyed by their channel identity. */
export const principals = sqliteTable(
  "principals",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    type: text("type", { enum: ["human", "service", "agent", "tool"] }).notNull(),
    displayName: text("display_name").notNull(),
    /** e.g. `slack:T123:U456`; unique per tenant when set. */
    channelIdentity: text("channel_identity"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("principals_tenant_idx").on(t.tenantId),
    uniqueIndex("principals_channel_identity_idx").on(t.tenantId, t.channelIdentity),
  ],
);
