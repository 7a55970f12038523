import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Index row per execution; the ExecutionDO holds the full state and the trace chain, and reports changes
 * here after the fact: status, times, and the chain's head (seq and hash) as last copied, which a read of the
 * chain from the object is checked against.
 */
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
    headSeq: integer("head_seq"),
    headHash: text("head_hash"),
    /** When retention deleted the execution's payloads from R2 (the chain, with its digests, stays). */
    payloadsPrunedAt: text("payloads_pruned_at"),
  },
  (t) => [index("executions_tenant_idx").on(t.tenantId, t.createdAt), index("executions_status_idx").on(t.tenantId, t.status)],
);
