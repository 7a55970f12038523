import { policyActivate } from "../../../contracts/commands/policy-activate.ts";
import { policyActivations } from "../../../schema/index.ts";
import { policyVersion, viewOf } from "../../policy/store.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

export const policyActivateHandler = implement(policyActivate, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const stored = await policyVersion(ctx.db, caller.tenantId, input.version);
  if (!stored) throw new ProblemError(404, "POLICY_NOT_FOUND", `No policy version ${input.version} in this tenant.`);
  await ctx.db.insert(policyActivations).values({
    id: `pa_${crypto.randomUUID()}`,
    tenantId: caller.tenantId,
    version: stored.pinned.ref.version,
    hash: stored.pinned.ref.hash,
    reason: input.reason ?? null,
    activatedAt: ctx.now.toISOString(),
    activatedBy: caller.principalId,
  });
  return viewOf(stored, stored);
});
