import { and, eq } from "drizzle-orm";
import { groupMemberRemove } from "../../../contracts/commands/group-member-remove.ts";
import { groupMembers } from "../../../schema/index.ts";
import { memberCount } from "../../policy/groups.ts";
import { implement, requireCaller } from "../handler.ts";

export const groupMemberRemoveHandler = implement(groupMemberRemove, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  await ctx.db
    .delete(groupMembers)
    .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.group, input.group), eq(groupMembers.principalId, input.principalId)));
  return { group: input.group, principalId: input.principalId, members: await memberCount(ctx.db, tenantId, input.group) };
});
