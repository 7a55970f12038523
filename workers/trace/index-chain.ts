import { and, asc, eq, lte } from "drizzle-orm";
import { type ChainResult, verifyChain } from "../../engine/trace.ts";
import { traceEvents } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import { eventOfRow } from "./event-row.ts";

/**
 * D1's copy of a chain, checked whole against the head its writer keeps: what `trace.get` checks page by
 * page, for callers that read the writer's own record (replay) but answer for the copy operators read too.
 */
export async function verifyIndexedChain(db: Db, tenantId: string, traceId: string, head: { seq: number; hash: string }): Promise<ChainResult> {
  const rows = await db
    .select()
    .from(traceEvents)
    .where(and(eq(traceEvents.traceId, traceId), eq(traceEvents.tenantId, tenantId), lte(traceEvents.seq, head.seq)))
    .orderBy(asc(traceEvents.seq));
  return verifyChain(rows.map(eventOfRow), { expectedHead: head });
}

/**
 * Whether D1's copy of an execution's chain holds exactly the links its ExecutionDO verified itself: every
 * copied link at its seq with the DO's hash. Two columns and no hashing, so a replay does not pay for
 * re-verifying what the object already verified; only when this fails is the copy verified in full
 * (verifyIndexedChain), for the same finding `trace.get` reports.
 */
export async function indexMatchesLinks(db: Db, tenantId: string, traceId: string, hashes: readonly string[]): Promise<boolean> {
  const rows = await db
    .select({ seq: traceEvents.seq, hash: traceEvents.hash })
    .from(traceEvents)
    .where(and(eq(traceEvents.traceId, traceId), eq(traceEvents.tenantId, tenantId), lte(traceEvents.seq, hashes.length - 1)))
    .orderBy(asc(traceEvents.seq));
  return rows.length === hashes.length && rows.every((row, i) => row.seq === i && row.hash === hashes[i]);
}
