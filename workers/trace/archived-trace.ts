import { and, eq } from "drizzle-orm";
import { type ArchiveRef, type OpenedArchive, openArchive } from "../../engine/trace-archive.ts";
import { executions } from "../../schema/index.ts";
import { ProblemError } from "../api/problem.ts";
import { type Reach, reachCondition } from "../api/visibility.ts";
import type { Db } from "../db.ts";
import { recordDriftAlert } from "../drift/record-alert.ts";
import type { Env } from "../env.ts";
import { refOfRow } from "./archive-sweep.ts";

/** The archive the index recorded for an execution the caller may see; undefined when it is not archived (or not visible). */
export async function archiveRefOf(db: Db, tenantId: string, executionId: string, reach: Reach): Promise<ArchiveRef | undefined> {
  const [row] = await db
    .select({ archiveKey: executions.archiveKey, archiveHeadSeq: executions.archiveHeadSeq, archiveHeadHash: executions.archiveHeadHash })
    .from(executions)
    .where(and(eq(executions.id, executionId), eq(executions.tenantId, tenantId), reachCondition(db, tenantId, reach)))
    .limit(1);
  return row === undefined ? undefined : refOfRow(row);
}

/** Reads an archive from R2 and checks it against its index row: digest, execution, chain to the recorded head. */
export async function readArchive(env: Env, tenantId: string, executionId: string, ref: ArchiveRef): Promise<OpenedArchive> {
  const stored = await env.TRACES.get(ref.key);
  return openArchive(stored === null ? null : await stored.text(), { tenantId, executionId, ref });
}

/**
 * An archive that does not check out is refused, never served, with the drift alert a damaged live trace
 * raises: a broken chain as `trace_chain_broken`, a missing or altered object as `trace_payload_tampered`.
 */
export async function refuseArchive(db: Db, where: { tenantId: string; executionId: string; traceId: string }, ref: ArchiveRef, problem: Extract<OpenedArchive, { ok: false }>): Promise<never> {
  if (problem.code === "TRACE_CHAIN_BROKEN") {
    await recordDriftAlert(db, { ...where, kind: "trace_chain_broken", detail: { brokenAtSeq: problem.brokenAt ?? null, reason: problem.detail, archiveKey: ref.key } });
    throw new ProblemError(409, "TRACE_CHAIN_BROKEN", `The archived trace breaks at seq ${problem.brokenAt ?? "?"}: ${problem.detail}`);
  }
  await recordDriftAlert(db, { ...where, kind: "trace_payload_tampered", detail: { archive: { key: ref.key, status: problem.code } } });
  const detail = problem.code === "ARCHIVE_MISSING" ? `The execution was archived to ${ref.key}, which is gone.` : `The archive at ${ref.key} is not what was archived: ${problem.detail}.`;
  throw new ProblemError(409, problem.code, detail);
}
