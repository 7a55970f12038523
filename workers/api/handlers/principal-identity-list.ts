import { principalIdentityList } from "../../../contracts/queries/principal-identity-list.ts";
import { implement, requireCaller } from "../handler.ts";
import { identitiesView, requirePerson } from "./principal-identities.ts";

export const principalIdentityListHandler = implement(principalIdentityList, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  return identitiesView(await requirePerson(ctx.db, tenantId, input.principalId));
});
