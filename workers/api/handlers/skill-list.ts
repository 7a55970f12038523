import { and, asc, desc, eq, gt, lt, or } from "drizzle-orm";
import { skillList } from "../../../contracts/queries/skill-list.ts";
import { installedSkills } from "../../../schema/index.ts";
import { skillView } from "../../skills/installed.ts";
import { decodeCursor, pageOf } from "../cursor.ts";
import { implement, requireCaller } from "../handler.ts";

/** Newest version first within a skill: versions only ever install in ascending order, so install time orders them. */
export const skillListHandler = implement(skillList, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const after = decodeCursor(input.cursor);
  const t = installedSkills;
  const rows = await ctx.db
    .select()
    .from(t)
    .where(
      and(
        eq(t.tenantId, tenantId),
        input.status === undefined ? undefined : eq(t.status, input.status),
        input.publisher === undefined ? undefined : eq(t.publisher, input.publisher),
        after === undefined ? undefined : or(gt(t.skill, after[0]), and(eq(t.skill, after[0]), lt(t.installedAt, after[1]))),
      ),
    )
    .orderBy(asc(t.skill), desc(t.installedAt))
    .limit(input.limit + 1);
  const { items, nextCursor } = pageOf(rows, input.limit, (r) => [r.skill, r.installedAt]);
  return { items: items.map(skillView), nextCursor };
});
