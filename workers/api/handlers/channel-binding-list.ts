import { and, asc, eq, gt, or } from "drizzle-orm";
import { channelBindingList } from "../../../contracts/queries/channel-binding-list.ts";
import { channelBindings } from "../../../schema/index.ts";
import { decodeCursor, pageOf } from "../cursor.ts";
import { implement, requireCaller } from "../handler.ts";
import { bindingView } from "./channel-binding-view.ts";

export const channelBindingListHandler = implement(channelBindingList, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const after = decodeCursor(input.cursor);
  const rows = await ctx.db
    .select()
    .from(channelBindings)
    .where(
      and(
        eq(channelBindings.tenantId, tenantId),
        input.provider === undefined ? undefined : eq(channelBindings.provider, input.provider),
        after === undefined
          ? undefined
          : or(
              gt(channelBindings.provider, after[0] as typeof channelBindings.$inferSelect.provider),
              and(eq(channelBindings.provider, after[0] as typeof channelBindings.$inferSelect.provider), gt(channelBindings.externalId, after[1])),
            ),
      ),
    )
    .orderBy(asc(channelBindings.provider), asc(channelBindings.externalId))
    .limit(input.limit + 1);
  const { items, nextCursor } = pageOf(rows, input.limit, (r) => [r.provider, r.externalId]);
  return { items: items.map(bindingView), nextCursor };
});
