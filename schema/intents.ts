import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** An intent is recorded here before its sender is acknowledged; `body` is the canonical Intent JSON. */
export const intents = sqliteTable(
  "intents",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    channel: text("channel").notNull(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id").notNull(),
    digest: text("digest").notNull(),
    body: text("body").notNull(),
    /** `failed`: it could not be handed to its execution (workers/ingest/give-up.ts); `handoffError` says why. */
    status: text("status", { enum: ["received", "handed_off", "planned", "rejected", "failed"] }).notNull(),
    executionId: text("execution_id"),
    sourceProvider: text("source_provider"),
    /** The item's own id inside its delivery (a message or event id from signed content): unique per provider. */
    sourceItemId: text("source_item_id"),
    sourceDeliveryId: text("source_delivery_id"),
    receivedAt: text("received_at").notNull(),
    /** The narrowing of the grant that authorized an API intent (JSON GrantScope); NULL when not narrowed. */
    grantScope: text("grant_scope", { mode: "json" }),
    /** How often the sweep re-sent it; past the cap it is failed instead of re-sent (workers/ingest/sweep.ts). */
    handoffAttempts: integer("handoff_attempts").notNull().default(0),
    handoffError: text("handoff_error"),
  },
  (t) => [
    index("intents_tenant_idx").on(t.tenantId, t.receivedAt),
    /** A caller without tenant-wide reach reads the executions of its own intents (workers/api/visibility.ts). */
    index("intents_actor_idx").on(t.tenantId, t.actorId),
    index("intents_status_idx").on(t.status),
    index("intents_status_age_idx").on(t.status, t.receivedAt),
    uniqueIndex("intents_source_item_idx").on(t.sourceProvider, t.sourceItemId),
  ],
);
