import { trustedKeyAdd } from "../../../contracts/commands/trusted-key-add.ts";
import { trustedPublisherKeys } from "../../../schema/index.ts";
import { callerActor } from "../../skills/caller-actor.ts";
import { recordRegistryEvent } from "../../skills/registry-trace.ts";
import { trustedKeyView } from "../../skills/trust-store.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

export const trustedKeyAddHandler = implement(trustedKeyAdd, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const row = {
    tenantId: caller.tenantId,
    ...input,
    addedAt: ctx.now.toISOString(),
    addedBy: caller.principalId,
    revokedAt: null,
    revokedReason: null,
  };
  const inserted = await ctx.db.insert(trustedPublisherKeys).values(row).onConflictDoNothing().returning({ keyId: trustedPublisherKeys.keyId });
  if (inserted.length === 0) throw new ProblemError(409, "TRUSTED_KEY_EXISTS", `The trust store already has a key ${input.keyId}.`);
  await recordRegistryEvent(ctx.env, caller.tenantId, "controlPlane.trustedKey.added", { ...input }, callerActor(caller), ctx.now);
  return trustedKeyView(row);
});
