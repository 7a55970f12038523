import { and, asc, eq, gt, isNull, or } from "drizzle-orm";
import { apiKeyList } from "../../../contracts/queries/api-key-list.ts";
import { apiKeys } from "../../../schema/index.ts";
import { decodeCursor, pageOf } from "../cursor.ts";
import { implement, requireCaller } from "../handler.ts";
import { keyViews } from "./api-key-view.ts";

export const apiKeyListHandler = implement(apiKeyList, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const after = decodeCursor(input.cursor);
  const rows = await ctx.db
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.tenantId, tenantId),
        input.principalId === undefined ? undefined : eq(apiKeys.principalId, input.principalId),
        input.includeRevoked ? undefined : isNull(apiKeys.revokedAt),
        after === undefined
          ? undefined
          : or(gt(apiKeys.createdAt, after[0]), and(eq(apiKeys.createdAt, after[0]), gt(apiKeys.id, after[1]))),
      ),
    )
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id))
    .limit(input.limit + 1);
  const { items, nextCursor } = pageOf(rows, input.limit, (r) => [r.createdAt, r.id]);
  return { items: await keyViews(ctx.db, tenantId, items), nextCursor };
});
