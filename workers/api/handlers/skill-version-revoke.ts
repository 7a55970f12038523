import { and, eq } from "drizzle-orm";
import semver from "semver";
import { skillVersionRevoke } from "../../../contracts/commands/skill-version-revoke.ts";
import { installedSkills, skillRevocations } from "../../../schema/index.ts";
import { callerActor } from "../../skills/caller-actor.ts";
import { disableSkills } from "../../skills/disable.ts";
import { recordRegistryEvent } from "../../skills/registry-trace.ts";
import { implement, requireCaller } from "../handler.ts";

export const skillVersionRevokeHandler = implement(skillVersionRevoke, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const actor = callerActor(caller);
  const at = ctx.now.toISOString();
  const inserted = await ctx.db
    .insert(skillRevocations)
    .values({ tenantId: caller.tenantId, skill: input.skill, version: input.version, reason: input.reason, revokedAt: at, revokedBy: caller.principalId })
    .onConflictDoNothing()
    .returning();
  const row =
    inserted[0] ??
    (await ctx.db.query.skillRevocations.findFirst({
      where: and(eq(skillRevocations.tenantId, caller.tenantId), eq(skillRevocations.skill, input.skill), eq(skillRevocations.version, input.version)),
    }));
  if (row === undefined) throw new Error("skill revocation vanished");
  const revocation = { skill: row.skill, version: row.version, reason: row.reason, revokedAt: row.revokedAt };
  if (inserted.length === 0) return { revocation, disabledSkills: [] };

  // semver equality, as the install check uses: `1.2.0+build` is the revoked `1.2.0`.
  const copies = (
    await ctx.db
      .select()
      .from(installedSkills)
      .where(and(eq(installedSkills.tenantId, caller.tenantId), eq(installedSkills.skill, input.skill), eq(installedSkills.status, "active")))
  ).filter((s) => semver.eq(s.version, input.version));
  await recordRegistryEvent(ctx.env, caller.tenantId, "controlPlane.skillVersion.revoked", { ...input, disabledSkills: copies.map((s) => s.id) }, actor, ctx.now);
  const disabled = await disableSkills(ctx.env, ctx.db, copies, `version revoked: ${input.reason}`.slice(0, 1000), actor, ctx.now);
  return { revocation, disabledSkills: disabled };
});
