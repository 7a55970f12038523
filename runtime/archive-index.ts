import type { ArchiveRef } from "../engine/trace-archive.ts";
import { executions, traceEvents } from "../schema/index.ts";

/**
 * What archiving changes outside the execution's own object, shared by the object archiving itself and the
 * scheduled sweep: D1 statements (raw, their SQL derived from the drizzle tables) and the trace's payload
 * segments in R2.
 */
export interface ArchivedRow {
  executionId: string;
  tenantId: string;
  traceId: string;
}

const e = executions;
const t = traceEvents;
const recordSql = `UPDATE "executions" SET "${e.archiveKey.name}" = ?, "${e.archiveHeadSeq.name}" = ?, "${e.archiveHeadHash.name}" = ?, "${e.archivedAt.name}" = ? WHERE "${e.id.name}" = ? AND "${e.tenantId.name}" = ?`;
const deleteRowsSql = `DELETE FROM "trace_events" WHERE "${t.traceId.name}" = ? AND "${t.tenantId.name}" = ?`;
const purgedSql = `UPDATE "executions" SET "${e.storagePurgedAt.name}" = ? WHERE "${e.id.name}" = ? AND "${e.tenantId.name}" = ?`;

/** The index row records the archive (key, head) and D1's copy of the chain goes. */
export function recordArchive(d1: D1Database, row: ArchivedRow, ref: ArchiveRef, at: string): D1PreparedStatement[] {
  return [
    d1.prepare(recordSql).bind(ref.key, ref.head.seq, ref.head.hash, at, row.executionId, row.tenantId),
    d1.prepare(deleteRowsSql).bind(row.traceId, row.tenantId),
  ];
}

/** The object's storage is gone; trace rows a mirror copied after the archive was recorded go too. */
export function recordPurged(d1: D1Database, row: ArchivedRow, at: string): D1PreparedStatement[] {
  return [d1.prepare(purgedSql).bind(at, row.executionId, row.tenantId), d1.prepare(deleteRowsSql).bind(row.traceId, row.tenantId)];
}

/** The trace's payload segments (and older one-payload objects): all under the trace's prefix. */
export async function deleteTracePayloads(bucket: R2Bucket, tenantId: string, traceId: string): Promise<void> {
  const prefix = `traces/${tenantId}/${traceId}/`;
  let cursor: string | undefined;
  do {
    const listed = await bucket.list({ prefix, ...(cursor === undefined ? {} : { cursor }) });
    const keys = listed.objects.map((o) => o.key);
    if (keys.length > 0) await bucket.delete(keys);
    cursor = listed.truncated ? listed.cursor : undefined;
  } while (cursor !== undefined);
}
