import { and, asc, inArray, isNull, lt } from "drizzle-orm";
import { type ArchiveRef, digestOfArchiveKey } from "../../engine/trace-archive.ts";
import { executions } from "../../schema/index.ts";
import { type ArchivedRow, deleteTracePayloads, recordArchive, recordPurged } from "../../runtime/archive-index.ts";
import { executionStub } from "../api/handlers/execution-stub.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { log } from "../../runtime/log.ts";
import { DAY_MS } from "../../runtime/retention-days.ts";

/** Executions archived per scheduled run: each costs a few object calls, R2 writes and D1 statements. */
export const ARCHIVE_BATCH = 25;
const FINISHED = ["succeeded", "failed", "cancelled", "rejected"] as const;

type Due = Pick<typeof executions.$inferSelect, "id" | "tenantId" | "traceId" | "archiveKey" | "archiveHeadSeq" | "archiveHeadHash">;

export interface SweepResult {
  archived: number;
  skipped: number;
}

/**
 * Archives finished executions idle for longer than the retention window, oldest first, a bounded batch
 * per run: the ExecutionDO writes its whole record to R2 as one digest-addressed object; the index row
 * records its key and head and D1's trace rows go; then the object deletes its storage and the trace's
 * payload objects in R2 go (the archive holds the payloads). Each stage is recorded before the next, so a
 * run cut short resumes where it stopped on the next one.
 */
export async function archiveFinished(env: Env, now: Date, days: number): Promise<SweepResult> {
  const db = database(env.DB);
  const before = new Date(now.getTime() - days * DAY_MS).toISOString();
  const due = await db
    .select({ id: executions.id, tenantId: executions.tenantId, traceId: executions.traceId, archiveKey: executions.archiveKey, archiveHeadSeq: executions.archiveHeadSeq, archiveHeadHash: executions.archiveHeadHash })
    .from(executions)
    .where(and(isNull(executions.storagePurgedAt), inArray(executions.status, [...FINISHED]), lt(executions.updatedAt, before)))
    .orderBy(asc(executions.updatedAt))
    .limit(ARCHIVE_BATCH);
  const result: SweepResult = { archived: 0, skipped: 0 };
  for (const row of due) {
    try {
      if (await archiveOne(env, row, before, now)) result.archived++;
      else result.skipped++;
    } catch (error) {
      result.skipped++;
      log.warn("archive deferred", { executionId: row.id, error: String(error) });
    }
  }
  return result;
}

async function archiveOne(env: Env, row: Due, before: string, now: Date): Promise<boolean> {
  const stub = executionStub(env, row.id);
  let ref = refOfRow(row) ?? (await archive(env, row, before));
  if (ref === undefined) return false;
  let purged = await stub.purge(ref);
  // Something was recorded after the archive was written (a late cancel, a notice): archive again.
  if (!purged.ok && purged.code === "ARCHIVE_STALE") {
    const stale = ref;
    ref = await archive(env, row, before);
    if (ref === undefined) return false;
    await env.TRACES.delete(stale.key);
    purged = await stub.purge(ref);
  }
  if (!purged.ok) {
    log.error("archived execution not purged", { executionId: row.id, archiveKey: ref.key, code: purged.code });
    return false;
  }
  await deleteTracePayloads(env.TRACES, row.tenantId, row.traceId);
  await env.DB.batch(recordPurged(env.DB, archivedRow(row), now.toISOString()));
  return true;
}

/** Asks the object for its archive and records it in the index (over a stale one, if any). */
async function archive(env: Env, row: Due, before: string): Promise<ArchiveRef | undefined> {
  const attempt = await executionStub(env, row.id).archive({ before });
  if (!attempt.ok) {
    log.info("execution not archived", { executionId: row.id, code: attempt.code });
    return undefined;
  }
  const { ref } = attempt;
  // Whoever records an archive records the object's current record: the purge empties the object only
  // when what it holds is exactly the archive the index names, so a concurrent writer cannot lose events.
  await env.DB.batch(recordArchive(env.DB, archivedRow(row), ref, new Date().toISOString()));
  return ref;
}

function archivedRow(row: Due): ArchivedRow {
  return { executionId: row.id, tenantId: row.tenantId, traceId: row.traceId };
}

export function refOfRow(row: Pick<Due, "archiveKey" | "archiveHeadSeq" | "archiveHeadHash">): ArchiveRef | undefined {
  if (row.archiveKey === null || row.archiveHeadSeq === null || row.archiveHeadHash === null) return undefined;
  const digest = digestOfArchiveKey(row.archiveKey);
  if (digest === undefined) return undefined;
  return { key: row.archiveKey, digest, head: { seq: row.archiveHeadSeq, hash: row.archiveHeadHash } };
}
