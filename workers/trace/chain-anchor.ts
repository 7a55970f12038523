import { and, eq } from "drizzle-orm";
import { executions } from "../../schema/index.ts";
import { executionStub } from "../api/handlers/execution-stub.ts";
import { traceOf } from "../api/handlers/execution-rpc.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import { isRegistryTrace, registryTraceId, registryTraceStub } from "../skills/registry-trace.ts";

export interface Link {
  seq: number;
  hash: string;
}

/** What a trace's D1 rows are checked against: the head kept by the object that writes the chain. */
export interface ChainAnchor {
  executionId: string;
  /** The anchored link with the greatest seq below `end`, when the anchor knows it. */
  headBelow(end: number): Link | undefined;
  /** Seq of the last anchored link. */
  lastSeq: number;
}

/**
 * The anchor of a trace of the caller's tenant, or undefined when no such trace exists yet. An execution's
 * chain is anchored in its ExecutionDO (every link it mirrored to D1); the skill registry trace in the
 * tenant's RegistryTraceDO (its head). Found through the execution index too, so an execution whose D1
 * rows were all deleted still has an anchor, and its empty chain reads as broken, not as absent.
 */
export async function chainAnchor(env: Env, db: Db, tenantId: string, traceId: string, indexedExecutionId: string | undefined): Promise<ChainAnchor | undefined> {
  if (isRegistryTrace(traceId)) {
    if (traceId !== registryTraceId(tenantId)) return undefined;
    const head = await registryTraceStub(env, tenantId).head(tenantId, traceId);
    if (head === null) return undefined;
    return { executionId: traceId, lastSeq: head.seq, headBelow: (end) => (head.seq < end ? head : undefined) };
  }
  const executionId = indexedExecutionId ?? (await executionOfTrace(db, tenantId, traceId));
  if (executionId === undefined) return undefined;
  const stub = executionStub(env, executionId);
  if (indexedExecutionId === undefined && !(await stub.started())) return undefined;
  const links = (await traceOf(stub)).filter((link) => link.mirrored).map((link) => link.event);
  const last = links.at(-1);
  if (indexedExecutionId === undefined && last === undefined) return undefined;
  return { executionId, lastSeq: last?.seq ?? -1, headBelow: (end) => links.filter((e) => e.seq < end).at(-1) };
}

async function executionOfTrace(db: Db, tenantId: string, traceId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: executions.id })
    .from(executions)
    .where(and(eq(executions.traceId, traceId), eq(executions.tenantId, tenantId)))
    .limit(1);
  return row?.id;
}
