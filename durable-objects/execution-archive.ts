import type { ExecutionStatus } from "../contracts/common/status.ts";
import { ARCHIVE_FORMAT, type ArchiveProblem, type ArchiveRef, type ExecutionArchive, openArchive, sealArchive } from "../engine/trace-archive.ts";
import { and, eq, isNotNull } from "drizzle-orm";
import { executions } from "../schema/index.ts";
import type { Db } from "../runtime/db.ts";
import type { Env } from "../workers/env.ts";
import type { ExecutionStore } from "./execution-store.ts";
import { deleteTracePayloads, recordArchive, recordPurged } from "../runtime/archive-index.ts";
import { DAY_MS, retentionDays } from "../runtime/retention-days.ts";

const FINISHED: ReadonlySet<ExecutionStatus> = new Set(["succeeded", "failed", "cancelled", "rejected"]);

interface Identity {
  executionId: string;
  tenantId: string;
  traceId: string;
}

export type ArchiveAttempt =
  | { ok: true; ref: ArchiveRef; bytes: number }
  | { ok: false; code: "NOT_STARTED" | "NOT_FINISHED" | "NOT_DUE" };

export type PurgeResult = { ok: true; emptied: boolean } | { ok: false; code: ArchiveProblem | "ARCHIVE_STALE" };

/** The object's whole record as one archive document. */
export function archiveOfStore(store: ExecutionStore, identity: Identity): ExecutionArchive {
  const links = store.events().map(({ event, payload, fromMachine }) => ({ event, payload, fromMachine }));
  const last = links.at(-1)?.event;
  return {
    format: ARCHIVE_FORMAT,
    tenantId: identity.tenantId,
    executionId: identity.executionId,
    traceId: identity.traceId,
    head: last === undefined ? { seq: -1, hash: "" } : { seq: last.seq, hash: last.hash },
    documents: store.documents(),
    inputs: store.inputs(),
    links,
  };
}

/**
 * Writes the record of a finished execution whose last event is older than `before` to R2, addressed by
 * its digest. The object's storage is left as it is: it is emptied by `purgeArchived` once the execution
 * index records the archive, so a failure in between loses nothing.
 */
export async function archiveExecution(env: Env, store: ExecutionStore, status: ExecutionStatus, before: string): Promise<ArchiveAttempt> {
  const identity = store.get<Identity>("identity");
  if (identity === undefined) return { ok: false, code: "NOT_STARTED" };
  if (!FINISHED.has(status)) return { ok: false, code: "NOT_FINISHED" };
  const lastAt = store.lastEvent()?.at;
  if (lastAt !== undefined && lastAt >= before) return { ok: false, code: "NOT_DUE" };
  const { body, ref } = sealArchive(archiveOfStore(store, identity));
  await env.TRACES.put(ref.key, body, { httpMetadata: { contentType: "application/json" } });
  return { ok: true, ref, bytes: body.length };
}

/**
 * Empties the object, only when the archive the index names is in R2, intact, and still exactly what the
 * object holds (nothing was recorded since it was written). An object already empty answers `emptied: false`.
 */
export async function purgeArchived(env: Env, store: ExecutionStore, storage: DurableObjectStorage, ref: ArchiveRef): Promise<PurgeResult> {
  if (!store.ready) return { ok: true, emptied: false };
  const stored = await env.TRACES.get(ref.key);
  const body = stored === null ? null : await stored.text();
  store.forget();
  const identity = store.get<Identity>("identity");
  if (identity === undefined) return { ok: true, emptied: false };
  const opened = openArchive(body, { tenantId: identity.tenantId, executionId: identity.executionId, ref });
  if (!opened.ok) return { ok: false, code: opened.code };
  if (sealArchive(archiveOfStore(store, identity)).ref.digest !== ref.digest) return { ok: false, code: "ARCHIVE_STALE" };
  await storage.deleteAlarm();
  await storage.deleteAll();
  store.emptied();
  return { ok: true, emptied: true };
}

/**
 * The final status the execution index recorded for this execution if it was archived (none: not archived).
 * Asked by start on an empty object, the one state a purged object and a new one share: a stray redelivered
 * handoff gets the recorded outcome, as any repeated start does, and nothing runs again from nothing. A query,
 * so start sends it in the same D1 batch as the rest of what it reads (policy-pin.ts).
 */
export function archivedStatusQuery(db: Db, executionId: string) {
  return db
    .select({ status: executions.status })
    .from(executions)
    .where(and(eq(executions.id, executionId), isNotNull(executions.archivedAt)))
    .limit(1);
}

/**
 * When this finished execution is due for archiving: just past its last event plus the retention window.
 * Null when it is not finished, holds nothing, or retention is off (or misconfigured: the sweep reports that).
 */
export function archiveDueAt(env: Env, store: ExecutionStore, status: ExecutionStatus): number | null {
  if (!FINISHED.has(status)) return null;
  const lastAt = store.lastEvent()?.at;
  let days: number | null;
  try {
    days = retentionDays(env);
  } catch {
    days = null;
  }
  return days === null || lastAt === undefined ? null : Date.parse(lastAt) + days * DAY_MS + 1;
}

/**
 * The object archives itself from its alarm, the same stages as the sweep (workers/trace/archive-sweep.ts):
 * its archive to R2, the index row records it and D1's trace rows go, its storage is deleted, then its
 * payload segments. Archiving spreads over every object instead of queueing behind one scheduled run.
 */
export async function archiveItself(env: Env, store: ExecutionStore, storage: DurableObjectStorage, status: ExecutionStatus, now: number): Promise<boolean> {
  const days = retentionDays(env);
  const identity = store.get<Identity>("identity");
  if (days === null || identity === undefined) return false;
  const attempt = await archiveExecution(env, store, status, new Date(now - days * DAY_MS).toISOString());
  if (!attempt.ok) return false;
  const row = { executionId: identity.executionId, tenantId: identity.tenantId, traceId: identity.traceId };
  await env.DB.batch(recordArchive(env.DB, row, attempt.ref, new Date(now).toISOString()));
  const purged = await purgeArchived(env, store, storage, attempt.ref);
  if (!purged.ok) return false;
  await deleteTracePayloads(env.TRACES, row.tenantId, row.traceId);
  await env.DB.batch(recordPurged(env.DB, row, new Date(now).toISOString()));
  return true;
}
