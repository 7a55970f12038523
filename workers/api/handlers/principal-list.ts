import { and, asc, eq, gt, inArray, or } from "drizzle-orm";
import { principalList } from "../../../contracts/queries/principal-list.ts";
import { groupMembers, principals } from "../../../schema/index.ts";
import { decodeCursor, pageOf } from "../cursor.ts";
import { implement, requireCaller } from "../handler.ts";

/** The tenant's principals (channel users included), each with its groups; another tenant's are never listed. */
export const principalListHandler = implement(principalList, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const after = decodeCursor(input.cursor);
  const rows = await ctx.db
    .select()
    .from(principals)
    .where(
      and(
        eq(principals.tenantId, tenantId),
        input.type === undefined ? undefined : eq(principals.type, input.type),
        input.channelIdentity === undefined ? undefined : eq(principals.channelIdentity, input.channelIdentity),
        after === undefined
          ? undefined
          : or(gt(principals.createdAt, after[0]), and(eq(principals.createdAt, after[0]), gt(principals.id, after[1]))),
      ),
    )
    .orderBy(asc(principals.createdAt), asc(principals.id))
    .limit(input.limit + 1);
  const { items, nextCursor } = pageOf(rows, input.limit, (r) => [r.createdAt, r.id]);
  const memberships =
    items.length === 0
      ? []
      : await ctx.db
          .select({ principalId: groupMembers.principalId, group: groupMembers.group })
          .from(groupMembers)
          .where(and(eq(groupMembers.tenantId, tenantId), inArray(groupMembers.principalId, items.map((p) => p.id))));
  return {
    items: items.map((p) => ({
      principalId: p.id,
      type: p.type,
      displayName: p.displayName,
      channelIdentity: p.channelIdentity,
      groups: memberships.filter((m) => m.principalId === p.id).map((m) => m.group).sort(),
      createdAt: p.createdAt,
    })),
    nextCursor,
  };
});
