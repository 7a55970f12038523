import { executionStub } from "../api/handlers/execution-stub.ts";
import { traceOf } from "../api/handlers/execution-rpc.ts";
import { executionSummary } from "../api/handlers/execution-summary.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import { executionIdOfTrace } from "../ingest/ids.ts";
import { isRegistryTrace, registryTraceId, registryTraceStub } from "../skills/registry-trace.ts";
import { type Reach } from "../api/visibility.ts";

export interface Link {
  seq: number;
  hash: string;
}

/** What a trace's D1 rows are checked against: the head kept by the object that writes the chain. */
export interface ChainAnchor {
  executionId: string;
  /** The anchored link with the greatest seq below `end`, when the anchor knows it. */
  headBelow(end: number): Link | undefined;
  /** Seq of the last anchored link: D1 rows past it are not served (not anchored yet, or not written by the chain's writer). */
  lastSeq: number;
}

/**
 * The anchor of a trace of the caller's tenant, or undefined when the trace has no anchored link yet (or is
 * not the tenant's). An execution's chain is anchored in its ExecutionDO (the links it mirrored to D1),
 * found through the execution index, not through D1's rows, so an execution whose rows were all deleted
 * still has one; a skill registry trace in the tenant's RegistryTraceDO (its head). Read before the rows,
 * so a link mirrored meanwhile shows as a row past the head, never as a truncated chain. A chain outside the
 * caller's reach has no anchor, so it answers exactly as one that does not exist.
 */
export async function chainAnchor(env: Env, db: Db, tenantId: string, traceId: string, reach: Reach): Promise<ChainAnchor | undefined> {
  if (isRegistryTrace(traceId)) {
    // The registry's trace is no one's execution: only a tenant-wide reader sees it.
    if (traceId !== registryTraceId(tenantId) || reach.kind !== "tenant") return undefined;
    const head = await registryTraceStub(env, tenantId).head(tenantId, traceId);
    if (head === null) return undefined;
    return { executionId: traceId, lastSeq: head.seq, headBelow: (end) => (head.seq < end ? head : undefined) };
  }
  const executionId = executionIdOfTrace(traceId);
  const summary = executionId === undefined ? undefined : await executionSummary(db, tenantId, executionId, reach);
  if (summary === undefined || summary.traceId !== traceId) return undefined;
  const stub = executionStub(env, summary.executionId);
  if (summary.status === "queued" && !(await stub.started())) return undefined;
  const links = (await traceOf(stub)).filter((link) => link.mirrored).map((link) => link.event);
  const last = links.at(-1);
  if (last === undefined) return undefined;
  return { executionId: summary.executionId, lastSeq: last.seq, headBelow: (end) => links.filter((e) => e.seq < end).at(-1) };
}
