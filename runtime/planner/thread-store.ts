import { and, desc, eq, gt, ne } from "drizzle-orm";
import type { ThreadTurn } from "../../engine/planner/thread.ts";
import { plannerThreadTurns } from "../../schema/index.ts";
import type { Db } from "../db.ts";

export interface ThreadRef {
  tenantId: string;
  channel: string;
  key: string;
}

/** Rows read per thread: enough for the window (engine/planner/thread.ts) whatever the turns' sizes. */
const READ_LIMIT = 24;

/**
 * The thread's newest turns since `since`, oldest first, from this tenant, channel and thread key only, leaving out
 * what `executionId` itself recorded (a restarted start must not read its own answer as history).
 */
export async function readThread(db: Db, thread: ThreadRef, since: string, executionId: string): Promise<ThreadTurn[]> {
  const rows = await db
    .select({ role: plannerThreadTurns.role, text: plannerThreadTurns.text })
    .from(plannerThreadTurns)
    .where(
      and(
        eq(plannerThreadTurns.tenantId, thread.tenantId),
        eq(plannerThreadTurns.channel, thread.channel),
        eq(plannerThreadTurns.threadKey, thread.key),
        gt(plannerThreadTurns.createdAt, since),
        ne(plannerThreadTurns.executionId, executionId),
      ),
    )
    .orderBy(desc(plannerThreadTurns.createdAt), desc(plannerThreadTurns.idx))
    .limit(READ_LIMIT);
  return rows.reverse();
}

/** Appends one execution's turns; idempotent per execution (a redelivered start writes nothing twice). */
export async function recordTurns(db: Db, thread: ThreadRef, executionId: string, turns: readonly ThreadTurn[], at: string): Promise<void> {
  if (turns.length === 0) return;
  await db
    .insert(plannerThreadTurns)
    .values(turns.map((t, idx) => ({ tenantId: thread.tenantId, channel: thread.channel, threadKey: thread.key, executionId, idx, role: t.role, text: t.text, createdAt: at })))
    .onConflictDoNothing();
}
