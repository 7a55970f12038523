import { getTableColumns } from "drizzle-orm";
import type { TraceEvent } from "../../contracts/common/trace.ts";
import { executions, traceEvents } from "../../schema/index.ts";
import { rowOfEvent } from "./event-row.ts";

/**
 * Raw D1 statements for the mirror's hot path, with their SQL derived once from the drizzle table
 * definitions (so a renamed column cannot drift). Building a drizzle query costs more CPU than running it
 * on local D1, and the mirror wrote one per trace event; these insert many events per statement.
 */
type Row = ReturnType<typeof rowOfEvent>;
const columns = Object.entries(getTableColumns(traceEvents)).filter(([key]) => key !== "payloadPrunedAt") as [keyof Row, { name: string }][];
/** D1 binds at most 100 parameters per statement. */
const ROWS_PER_STATEMENT = Math.floor(100 / columns.length);
const tuple = `(${columns.map(() => "?").join(", ")})`;
const insertHead = `INSERT INTO "trace_events" (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) VALUES `;

export function insertTraceEvents(d1: D1Database, events: readonly TraceEvent[]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < events.length; i += ROWS_PER_STATEMENT) {
    const chunk = events.slice(i, i + ROWS_PER_STATEMENT).map(rowOfEvent);
    const sql = `${insertHead}${chunk.map(() => tuple).join(", ")} ON CONFLICT DO NOTHING`;
    statements.push(d1.prepare(sql).bind(...chunk.flatMap((row) => columns.map(([key]) => row[key] ?? null))));
  }
  return statements;
}

const e = executions;
const updateIndexSql = `UPDATE "executions" SET "${e.status.name}" = ?, "${e.planId.name}" = ?, "${e.planDigest.name}" = ?, "${e.updatedAt.name}" = ?, "${e.completedAt.name}" = ?, "${e.headSeq.name}" = ?, "${e.headHash.name}" = ? WHERE "${e.id.name}" = ? AND "${e.tenantId.name}" = ?`;

export function updateExecutionIndex(
  d1: D1Database,
  row: {
    executionId: string;
    tenantId: string;
    status: string;
    planId: string | null;
    planDigest: string | null;
    updatedAt: string;
    completedAt: string | null;
    head: { seq: number; hash: string } | null;
  },
): D1PreparedStatement {
  return d1
    .prepare(updateIndexSql)
    .bind(row.status, row.planId, row.planDigest, row.updatedAt, row.completedAt, row.head?.seq ?? null, row.head?.hash ?? null, row.executionId, row.tenantId);
}
