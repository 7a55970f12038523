import { and, eq } from "drizzle-orm";
import { executions } from "../../schema/index.ts";
import type { Db } from "../db.ts";

export interface IndexedHead {
  seq: number;
  hash: string;
}

/** The chain head D1's index row recorded when the execution's links were last copied; undefined before the first copy. */
export async function indexedHead(db: Db, tenantId: string, executionId: string): Promise<IndexedHead | undefined> {
  return (await indexedChain(db, tenantId, executionId)).head;
}

/** What the index row says of the execution's chain: its head, and whether retention pruned its payloads. */
export async function indexedChain(db: Db, tenantId: string, executionId: string): Promise<{ head?: IndexedHead; payloadsPruned: boolean }> {
  const [row] = await db
    .select({ seq: executions.headSeq, hash: executions.headHash, prunedAt: executions.payloadsPrunedAt })
    .from(executions)
    .where(and(eq(executions.id, executionId), eq(executions.tenantId, tenantId)))
    .limit(1);
  const payloadsPruned = row !== undefined && row.prunedAt !== null;
  return row === undefined || row.seq === null || row.hash === null ? { payloadsPruned } : { head: { seq: row.seq, hash: row.hash }, payloadsPruned };
}
