import { and, eq } from "drizzle-orm";
import { principalIdentityUnlink } from "../../../contracts/commands/principal-identity-unlink.ts";
import { principalIdentities } from "../../../schema/index.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { identitiesView, requirePerson } from "./principal-identities.ts";

/** Removes one link; the identity falls back to its own channel principal, if it has one. */
export const principalIdentityUnlinkHandler = implement(principalIdentityUnlink, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const person = await requirePerson(ctx.db, tenantId, input.principalId);
  if (!person.identities.some((i) => i.identity === input.identity && i.source === "linked")) {
    throw new ProblemError(404, "IDENTITY_NOT_LINKED", `${input.identity} is not linked to ${input.principalId}.`, [{ path: "identity", message: "not linked to this principal" }]);
  }
  await ctx.db
    .delete(principalIdentities)
    .where(and(eq(principalIdentities.tenantId, tenantId), eq(principalIdentities.identity, input.identity), eq(principalIdentities.principalId, input.principalId)));
  return identitiesView(await requirePerson(ctx.db, tenantId, input.principalId));
});
