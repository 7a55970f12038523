import { and, asc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { trustedKeyList } from "../../../contracts/queries/trusted-key-list.ts";
import { trustedPublisherKeys } from "../../../schema/index.ts";
import { trustedKeyView } from "../../skills/trust-store.ts";
import { decodeCursor, pageOf } from "../cursor.ts";
import { implement, requireCaller } from "../handler.ts";

export const trustedKeyListHandler = implement(trustedKeyList, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const after = decodeCursor(input.cursor);
  const t = trustedPublisherKeys;
  const status = input.status === undefined ? undefined : input.status === "active" ? isNull(t.revokedAt) : isNotNull(t.revokedAt);
  const rows = await ctx.db
    .select()
    .from(t)
    .where(
      and(
        eq(t.tenantId, tenantId),
        status,
        input.publisher === undefined ? undefined : eq(t.publisher, input.publisher),
        after === undefined ? undefined : gt(t.keyId, after[1]),
      ),
    )
    .orderBy(asc(t.keyId))
    .limit(input.limit + 1);
  const { items, nextCursor } = pageOf(rows, input.limit, (r) => ["key", r.keyId]);
  return { items: items.map(trustedKeyView), nextCursor };
});
