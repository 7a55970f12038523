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
