import { and, eq, isNull } from "drizzle-orm";
import { trustedKeyRevoke } from "../../../contracts/commands/trusted-key-revoke.ts";
import { installedSkills, trustedPublisherKeys } from "../../../schema/index.ts";
import { callerActor } from "../../skills/caller-actor.ts";
import { disableSkills } from "../../skills/disable.ts";
import { recordRegistryEvent } from "../../skills/registry-trace.ts";
import { trustedKeyView } from "../../skills/trust-store.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

/** Revoking a key disables every active skill it signed, each traced after the revocation itself. */
export const trustedKeyRevokeHandler = implement(trustedKeyRevoke, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const actor = callerActor(caller);
  const mine = and(eq(trustedPublisherKeys.tenantId, caller.tenantId), eq(trustedPublisherKeys.keyId, input.keyId));
  const changed = await ctx.db
    .update(trustedPublisherKeys)
    .set({ revokedAt: ctx.now.toISOString(), revokedReason: input.reason })
    .where(and(mine, isNull(trustedPublisherKeys.revokedAt)))
    .returning();
  const row = changed[0] ?? (await ctx.db.query.trustedPublisherKeys.findFirst({ where: mine }));
  if (row === undefined) throw new ProblemError(404, "TRUSTED_KEY_NOT_FOUND", `No trusted key ${input.keyId} in this tenant.`);
  if (changed.length === 0) return { key: trustedKeyView(row), disabledSkills: [] };

  const signed = await ctx.db
    .select()
    .from(installedSkills)
    .where(and(eq(installedSkills.tenantId, caller.tenantId), eq(installedSkills.signingKeyId, input.keyId), eq(installedSkills.status, "active")));
  await recordRegistryEvent(
    ctx.env,
    caller.tenantId,
    "controlPlane.trustedKey.revoked",
    { keyId: row.keyId, publisher: row.publisher, reason: input.reason, disabledSkills: signed.map((s) => s.id) },
    actor,
    ctx.now,
  );
  const disabled = await disableSkills(ctx.env, ctx.db, signed, `signing key ${input.keyId} revoked: ${input.reason}`.slice(0, 1000), actor, ctx.now);
  return { key: trustedKeyView(row), disabledSkills: disabled };
});
