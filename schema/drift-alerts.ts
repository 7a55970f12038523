import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * Drift found when an execution is replayed or its trace read: a replay that diverged from the record,
 * or a trace whose hash chain no longer verifies. Written by workers/drift/record-alert.ts, append-only.
 */
export const driftAlerts = sqliteTable(
  "drift_alerts",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    kind: text("kind", { enum: ["replay_divergence", "trace_chain_broken"] }).notNull(),
    executionId: text("execution_id").notNull(),
    traceId: text("trace_id").notNull(),
    /** JSON: the first differences of a replay, or the broken seq and the reason. */
    detail: text("detail").notNull(),
    detectedAt: text("detected_at").notNull(),
  },
  (t) => [index("drift_alerts_tenant_idx").on(t.tenantId, t.detectedAt)],
);
