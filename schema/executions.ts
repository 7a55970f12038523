import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Index row per execution; the ExecutionDO holds the full state and reports changes here. */
export const executions = sqliteTable(
  "executions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    intentId: text("intent_id").notNull(),
    planId: text("plan_id"),
    planDigest: text("plan_digest"),
    status: text("status", {
      enum: ["queued", "running", "waiting_approval", "succeeded", "failed", "cancelled", "rejected"],
    }).notNull(),
    traceId: text("trace_id").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    completedAt: text("completed_at"),
  },
  (t) => [index("executions_tenant_idx").on(t.tenantId, t.createdAt), index("executions_status_idx").on(t.tenantId, t.status)],
);
