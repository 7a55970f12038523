import { and, eq } from "drizzle-orm";
import type { ExecutionSummary } from "../../../contracts/common/execution.ts";
import type { ArchiveRef } from "../../../engine/trace-archive.ts";
import { executions } from "../../../schema/index.ts";
import type { Db } from "../../db.ts";
import { ProblemError } from "../problem.ts";
import { type Reach, reachCondition } from "../visibility.ts";
import { refOfRow } from "../../trace/archive-sweep.ts";
import type { IndexedHead } from "../../trace/index-chain.ts";

/** What one read of an execution's index row says: its summary, the archive it records, the chain head it indexed. */
export interface IndexedExecution {
  summary: ExecutionSummary;
  /** Set once the execution is archived (its object emptied or about to be): actions on it are refused. */
  archiveKey: string | null;
  /** The archive to read, when the row records a complete one. */
  archive: ArchiveRef | undefined;
  /** The head of the chain as last copied; undefined before the first copy. */
  head: IndexedHead | undefined;
}

/**
 * The caller's tenant's index row of an execution, or undefined: other tenants' executions do not exist here,
 * nor, for a caller whose reach is its own executions, other principals' (the same undefined, so nothing leaks).
 */
export async function executionSummary(db: Db, tenantId: string, executionId: string, reach: Reach): Promise<ExecutionSummary | undefined> {
  return (await indexedExecution(db, tenantId, executionId, reach))?.summary;
}

/** The index row as executionSummary reads it (the same one query), with its archive and head columns too. */
export async function indexedExecution(db: Db, tenantId: string, executionId: string, reach: Reach): Promise<IndexedExecution | undefined> {
  const [row] = await db
    .select()
    .from(executions)
    .where(and(eq(executions.id, executionId), eq(executions.tenantId, tenantId), reachCondition(db, tenantId, reach)))
    .limit(1);
  if (!row) return undefined;
  const summary: ExecutionSummary = {
    executionId: row.id,
    intentId: row.intentId,
    traceId: row.traceId,
    planId: row.planId,
    planDigest: row.planDigest,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
  };
  const head = row.headSeq === null || row.headHash === null ? undefined : { seq: row.headSeq, hash: row.headHash };
  return { summary, archiveKey: row.archiveKey, archive: refOfRow(row), head };
}

export async function requireExecution(db: Db, tenantId: string, executionId: string, reach: Reach): Promise<ExecutionSummary> {
  return (await requireIndexedExecution(db, tenantId, executionId, reach)).summary;
}

export async function requireIndexedExecution(db: Db, tenantId: string, executionId: string, reach: Reach): Promise<IndexedExecution> {
  const indexed = await indexedExecution(db, tenantId, executionId, reach);
  if (!indexed) throw new ProblemError(404, "EXECUTION_NOT_FOUND", `No execution ${executionId} in this tenant.`);
  return indexed;
}
