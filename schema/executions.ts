import { sql } from "drizzle-orm";
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
    /** When retention deleted the payloads of an execution still unfinished past the window (its chain, with digests, stays). */
    payloadsPrunedAt: text("payloads_pruned_at"),
    /**
     * Set when retention archived the execution: its whole record is one R2 object at this key
     * (`archives/<tenant>/<sha256 of the object>.json`), its chain ends at this head.
     */
    archiveKey: text("archive_key"),
    archiveHeadSeq: integer("archive_head_seq"),
    archiveHeadHash: text("archive_head_hash"),
    archivedAt: text("archived_at"),
    /** Set once the archived execution's Durable Object storage was deleted. */
    storagePurgedAt: text("storage_purged_at"),
  },
  (t) => [
    index("executions_tenant_idx").on(t.tenantId, t.createdAt),
    index("executions_status_idx").on(t.tenantId, t.status),
    // What the retention sweep looks for: finished executions whose storage is still held.
    index("executions_archive_due_idx")
      .on(t.updatedAt)
      .where(sql`${t.storagePurgedAt} is null and ${t.status} in ('succeeded', 'failed', 'cancelled', 'rejected')`),
  ],
);
