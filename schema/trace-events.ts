import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** The hash chain of every execution; full payloads live in R2 under `payloadRef`. */
export const traceEvents = sqliteTable(
  "trace_events",
  {
    traceId: text("trace_id").notNull(),
    seq: integer("seq").notNull(),
    executionId: text("execution_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    type: text("type").notNull(),
    at: text("at").notNull(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id").notNull(),
    sessionId: text("session_id"),
    capabilitySource: text("capability_source"),
    stepId: text("step_id"),
    payloadDigest: text("payload_digest").notNull(),
    payloadRef: text("payload_ref"),
    payloadPrunedAt: text("payload_pruned_at"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.traceId, t.seq] }), index("trace_events_tenant_idx").on(t.tenantId, t.executionId)],
);
