import type { ExecutionStatus } from "../contracts/common/status.ts";
import { executions, traceEvents } from "../schema/index.ts";
import { and, eq } from "drizzle-orm";
import { database } from "../workers/db.ts";
import type { Env } from "../workers/env.ts";
import type { ExecutionStore } from "./execution-store.ts";
import { rowOfEvent } from "../workers/trace/event-row.ts";

export interface IndexRow {
  executionId: string;
  tenantId: string;
  status: ExecutionStatus;
  planId: string | null;
  planDigest: string | null;
  updatedAt: string;
  completedAt: string | null;
}

/**
 * Copies what the execution recorded to where operators read it: payloads to R2, chain links to D1's
 * trace index, and the execution's index row. Idempotent; whatever fails is retried on the next alarm,
 * the Durable Object's own SQLite staying the record of truth meanwhile.
 */
export async function mirror(env: Env, store: ExecutionStore, row: IndexRow): Promise<void> {
  const pending = store.unmirrored();
  const db = database(env.DB);
  await Promise.all(
    pending.map(({ event, payload }) =>
      event.payloadRef === undefined ? undefined : env.TRACES.put(event.payloadRef, payload, { httpMetadata: { contentType: "application/json" } }),
    ),
  );
  const inserts = pending.map(({ event }) => db.insert(traceEvents).values(rowOfEvent(event)).onConflictDoNothing());
  const update = db
    .update(executions)
    .set({ status: row.status, planId: row.planId, planDigest: row.planDigest, updatedAt: row.updatedAt, completedAt: row.completedAt })
    .where(and(eq(executions.id, row.executionId), eq(executions.tenantId, row.tenantId)));
  await db.batch([update, ...inserts]);
  const last = pending[pending.length - 1];
  if (last !== undefined) store.markMirrored(last.event.seq);
}
