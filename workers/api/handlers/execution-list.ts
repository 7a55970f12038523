import { and, desc, eq, lt, or } from "drizzle-orm";
import { executionList } from "../../../contracts/queries/execution-list.ts";
import { executions } from "../../../schema/index.ts";
import { decodeCursor, pageOf } from "../cursor.ts";
import { implement, requireCaller } from "../handler.ts";
import { reachCondition, readReach } from "../visibility.ts";

export const executionListHandler = implement(executionList, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const { tenantId } = caller;
  const before = decodeCursor(input.cursor);
  const rows = await ctx.db
    .select()
    .from(executions)
    .where(
      and(
        eq(executions.tenantId, tenantId),
        reachCondition(ctx.db, tenantId, readReach(caller)),
        input.status === undefined ? undefined : eq(executions.status, input.status),
        before === undefined
          ? undefined
          : or(lt(executions.createdAt, before[0]), and(eq(executions.createdAt, before[0]), lt(executions.id, before[1]))),
      ),
    )
    .orderBy(desc(executions.createdAt), desc(executions.id))
    .limit(input.limit + 1);
  const { items, nextCursor } = pageOf(rows, input.limit, (r) => [r.createdAt, r.id]);
  return {
    items: items.map((r) => ({
      executionId: r.id,
      intentId: r.intentId,
      traceId: r.traceId,
      planId: r.planId,
      planDigest: r.planDigest,
      status: r.status,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      completedAt: r.completedAt,
    })),
    nextCursor,
  };
});
