import { and, eq } from "drizzle-orm";
import { executions } from "../../../schema/index.ts";
import type { Db } from "../../db.ts";
import { ProblemError } from "../problem.ts";

export const EXECUTION_ARCHIVED = "EXECUTION_ARCHIVED" as const;

/** The archive key the index recorded for the execution, or null while its Durable Object still holds it. */
export async function archiveKeyOf(db: Db, tenantId: string, executionId: string): Promise<string | null> {
  const [row] = await db
    .select({ archiveKey: executions.archiveKey })
    .from(executions)
    .where(and(eq(executions.id, executionId), eq(executions.tenantId, tenantId)))
    .limit(1);
  return row?.archiveKey ?? null;
}

export function archivedDetail(executionId: string, archiveKey: string): string {
  return `Execution ${executionId} is archived at ${archiveKey} and read-only: execution.get, trace.get and replay read it; nothing can change it.`;
}

/**
 * Actions on an archived execution are refused before they reach its object: once archived, the object is (or is
 * about to be) emptied, and nothing may recreate state in it.
 */
export async function refuseArchived(db: Db, tenantId: string, executionId: string): Promise<void> {
  const key = await archiveKeyOf(db, tenantId, executionId);
  if (key !== null) throw new ProblemError(409, EXECUTION_ARCHIVED, archivedDetail(executionId, key));
}
