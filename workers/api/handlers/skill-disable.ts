import { and, eq } from "drizzle-orm";
import { skillDisable } from "../../../contracts/commands/skill-disable.ts";
import { installedSkills } from "../../../schema/index.ts";
import { callerActor } from "../../skills/caller-actor.ts";
import { disableSkills } from "../../skills/disable.ts";
import { skillView } from "../../skills/installed.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

export const skillDisableHandler = implement(skillDisable, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const mine = and(eq(installedSkills.id, input.skillId), eq(installedSkills.tenantId, caller.tenantId));
  const row = await ctx.db.query.installedSkills.findFirst({ where: mine });
  if (row === undefined) throw new ProblemError(404, "SKILL_NOT_FOUND", `No skill ${input.skillId} in this tenant.`);
  await disableSkills(ctx.env, ctx.db, [row], input.reason ?? null, callerActor(caller), ctx.now);
  const current = await ctx.db.query.installedSkills.findFirst({ where: mine });
  if (current === undefined) throw new Error("installed skill vanished");
  return skillView(current);
});
