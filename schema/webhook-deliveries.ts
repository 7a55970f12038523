import { primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * One row per delivery id: the dedupe record, written before the sender is acknowledged. `api` rows are
 * intent submissions carrying an idempotency key.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    provider: text("provider", { enum: ["slack", "github", "meta", "twilio", "api", "mcp"] }).notNull(),
    deliveryId: text("delivery_id").notNull(),
    payloadHash: text("payload_hash").notNull(),
    status: text("status", { enum: ["accepted", "ignored", "unbound"] }).notNull(),
    tenantId: text("tenant_id"),
    receivedAt: text("received_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.deliveryId] })],
);

/** The same delivery id arriving with a different payload: kept for investigation, never silently dropped. */
export const webhookDeliveryConflicts = sqliteTable(
  "webhook_delivery_conflicts",
  {
    provider: text("provider").notNull(),
    deliveryId: text("delivery_id").notNull(),
    payloadHash: text("payload_hash").notNull(),
    receivedAt: text("received_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.deliveryId, t.payloadHash] })],
);
