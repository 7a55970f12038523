import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * Drift found when an execution is replayed or its trace read: a replay that diverged from the record,
 * or a trace whose hash chain no longer verifies. Written by workers/drift/record-alert.ts: the same drift
 * found again (same kind, execution, trace and detail: its fingerprint) counts on its first row.
 */
export const driftAlerts = sqliteTable(
  "drift_alerts",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    kind: text("kind", { enum: ["replay_divergence", "trace_chain_broken", "trace_payload_tampered", "handoff_failed", "tool_definition_changed"] }).notNull(),
    executionId: text("execution_id").notNull(),
    traceId: text("trace_id").notNull(),
    /** JSON: the first differences of a replay, or the broken seq and the reason. */
    detail: text("detail").notNull(),
    /** When it was first found. */
    detectedAt: text("detected_at").notNull(),
    /** SHA-256 of kind, execution, trace and detail; NULL on rows recorded before alerts were de-duplicated. */
    fingerprint: text("fingerprint"),
    lastDetectedAt: text("last_detected_at"),
    detections: integer("detections").notNull().default(1),
  },
  (t) => [index("drift_alerts_tenant_idx").on(t.tenantId, t.detectedAt), uniqueIndex("drift_alerts_fingerprint_idx").on(t.tenantId, t.fingerprint)],
);
