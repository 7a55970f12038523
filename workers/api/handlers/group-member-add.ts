import { and, eq } from "drizzle-orm";
import { groupMemberAdd } from "../../../contracts/commands/group-member-add.ts";
import { groupMembers, principals } from "../../../schema/index.ts";
import { memberCount } from "../../policy/groups.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

export const groupMemberAddHandler = implement(groupMemberAdd, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const principal = await ctx.db.query.principals.findFirst({ where: and(eq(principals.id, input.principalId), eq(principals.tenantId, tenantId)) });
  if (!principal) throw new ProblemError(404, "PRINCIPAL_NOT_FOUND", `No principal ${input.principalId} in this tenant.`);
  await ctx.db
    .insert(groupMembers)
    .values({ tenantId, group: input.group, principalId: input.principalId, createdAt: ctx.now.toISOString() })
    .onConflictDoNothing();
  return { group: input.group, principalId: input.principalId, members: await memberCount(ctx.db, tenantId, input.group) };
});
