import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The turns of clarification threads (engine/planner/thread.ts): a request the planner answered with a question, the
 * question, and the answer that closed it. Tenant-scoped; read only by executions of the same tenant, channel and
 * thread key; deleted with trace payloads by the retention sweep (workers/trace/retention.ts).
 */
export const plannerThreadTurns = sqliteTable(
  "planner_thread_turns",
  {
    tenantId: text("tenant_id").notNull(),
    channel: text("channel").notNull(),
    threadKey: text("thread_key").notNull(),
    /** The execution that recorded the turn, and the turn's place within it. */
    executionId: text("execution_id").notNull(),
    idx: integer("idx").notNull(),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    text: text("text").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.executionId, t.idx] }),
    index("planner_thread_turns_thread_idx").on(t.tenantId, t.channel, t.threadKey, t.createdAt),
    index("planner_thread_turns_created_idx").on(t.createdAt),
  ],
);
