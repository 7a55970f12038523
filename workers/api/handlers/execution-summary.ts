import { and, eq } from "drizzle-orm";
import type { ExecutionSummary } from "../../../contracts/common/execution.ts";
import { executions } from "../../../schema/index.ts";
import type { Db } from "../../db.ts";
import { ProblemError } from "../problem.ts";
import { type Reach, reachCondition } from "../visibility.ts";

/**
 * The caller's tenant's index row of an execution, or undefined: other tenants' executions do not exist here,
 * nor, for a caller whose reach is its own executions, other principals' (the same undefined, so nothing leaks).
 */
export async function executionSummary(db: Db, tenantId: string, executionId: string, reach: Reach): Promise<ExecutionSummary | undefined> {
  const [row] = await db
    .select()
    .from(executions)
    .where(and(eq(executions.id, executionId), eq(executions.tenantId, tenantId), reachCondition(db, tenantId, reach)))
    .limit(1);
  if (!row) return undefined;
  return {
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
}

export async function requireExecution(db: Db, tenantId: string, executionId: string, reach: Reach): Promise<ExecutionSummary> {
  const summary = await executionSummary(db, tenantId, executionId, reach);
  if (!summary) throw new ProblemError(404, "EXECUTION_NOT_FOUND", `No execution ${executionId} in this tenant.`);
  return summary;
}
