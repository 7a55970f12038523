import { and, eq } from "drizzle-orm";
import { Intent } from "../../../contracts/intent.ts";
import { intents } from "../../../schema/index.ts";
import type { Db } from "../../db.ts";
import type { Env } from "../../env.ts";
import { recordedScope } from "../../ingest/grant-scope-record.ts";
import { traceIdOf } from "../../ingest/ids.ts";
import type { ExecutionSummary } from "../../../contracts/common/execution.ts";
import { archivedDetail, EXECUTION_ARCHIVED, refuseArchived } from "./archived-guard.ts";
import { executionStub } from "./execution-stub.ts";
import type { IndexedExecution } from "./execution-summary.ts";
import { ProblemError } from "../problem.ts";

/**
 * An operator acting on an execution whose handoff has not arrived yet does the handoff's job first
 * (start is idempotent), so cancel or get never race the queue. An archived execution is refused
 * (409 EXECUTION_ARCHIVED): its object is emptied and read-only.
 */
export async function ensureStarted(env: Env, db: Db, tenantId: string, summary: ExecutionSummary) {
  await refuseArchived(db, tenantId, summary.executionId);
  return startIfQueued(env, db, tenantId, summary);
}

/** ensureStarted for a caller that has read the whole index row already: the archive check reads no more. */
export async function ensureStartedIndexed(env: Env, db: Db, tenantId: string, indexed: IndexedExecution) {
  if (indexed.archiveKey !== null) throw new ProblemError(409, EXECUTION_ARCHIVED, archivedDetail(indexed.summary.executionId, indexed.archiveKey));
  return startIfQueued(env, db, tenantId, indexed.summary);
}

async function startIfQueued(env: Env, db: Db, tenantId: string, summary: ExecutionSummary) {
  const stub = executionStub(env, summary.executionId);
  // The index moves past `queued` only once the Durable Object holds the execution.
  if (summary.status !== "queued" || (await stub.started())) return stub;
  const row = await db.query.intents.findFirst({ where: and(eq(intents.id, summary.intentId), eq(intents.tenantId, tenantId)) });
  if (!row) throw new Error(`intent ${summary.intentId} of execution ${summary.executionId} is missing`);
  await stub.start({
    executionId: summary.executionId,
    intentId: summary.intentId,
    traceId: traceIdOf(summary.executionId),
    intent: Intent.parse(JSON.parse(row.body)),
    grantScope: recordedScope(row.grantScope),
  });
  return stub;
}
