import { and, eq } from "drizzle-orm";
import type { PendingGate } from "../../durable-objects/execution.ts";
import { executions } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import { executionStub } from "../api/handlers/execution-stub.ts";

/** Every open approval gate of the tenant, read from the executions the D1 index shows as waiting. */
export async function pendingGates(env: Env, db: Db, tenantId: string): Promise<PendingGate[]> {
  const rows = await db
    .select({ id: executions.id })
    .from(executions)
    .where(and(eq(executions.tenantId, tenantId), eq(executions.status, "waiting_approval")))
    .limit(100);
  const lists = await Promise.all(rows.map(async (r) => JSON.parse(await executionStub(env, r.id).pendingApprovalsJson()) as PendingGate[]));
  return lists.flat().filter((g) => g.tenantId === tenantId);
}
