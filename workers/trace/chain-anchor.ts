import type { TraceEvent } from "../../contracts/common/trace.ts";
import { executionStub } from "../api/handlers/execution-stub.ts";
import { traceOf } from "../api/handlers/execution-rpc.ts";
import { executionSummary } from "../api/handlers/execution-summary.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import { executionIdOfTrace } from "../ingest/ids.ts";
import { isRegistryTrace, registryTraceId, registryTraceStub } from "../skills/registry-trace.ts";
import { type Reach } from "../api/visibility.ts";
import { indexedChain } from "./index-chain.ts";

export interface Link {
  seq: number;
  hash: string;
}

/** What a trace is checked against, and where its links are read. */
export interface ChainAnchor {
  executionId: string;
  /** The link with the greatest seq below `end` that the chain must pass through, when one is known. */
  headBelow(end: number): Link | undefined;
  /** Seq of the last link served: links past it are not served (not anchored or not copied yet). */
  lastSeq: number;
  /**
   * An execution's chain as its ExecutionDO holds it (the record of truth), every link; absent for a
   * skill registry trace, whose links are read from D1.
   */
  links?: TraceEvent[];
  /** Retention deleted the execution's payloads from R2 (its links keep their digests). */
  payloadsPruned?: boolean;
}

/**
 * The anchor of a trace of the caller's tenant, or undefined when the trace has no anchored link yet (or is
 * not the tenant's). An execution's chain is read from its ExecutionDO (found through the execution index),
 * served through the last link whose payload was copied to R2, and checked against the head D1's index row
 * recorded when it was copied: a chain rewritten in the object after the fact, or cut short, shows. A skill
 * registry trace is anchored in the tenant's RegistryTraceDO (its head) and read from D1. A chain outside
 * the caller's reach has no anchor, so it answers exactly as one that does not exist.
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
  const [stored, { head: indexHead, payloadsPruned }] = await Promise.all([traceOf(stub), indexedChain(db, tenantId, summary.executionId)]);
  const links = stored.map((link) => link.event);
  const lastCopied = stored.filter((link) => link.mirrored).at(-1)?.event;
  // The index may name a head the object no longer has (its tail removed): serve through it, so the cut shows.
  const lastSeq = Math.max(lastCopied?.seq ?? -1, indexHead?.seq ?? -1);
  if (lastSeq < 0) return undefined;
  return { executionId: summary.executionId, lastSeq, links, payloadsPruned, headBelow: (end) => (indexHead !== undefined && indexHead.seq < end ? indexHead : undefined) };
}
