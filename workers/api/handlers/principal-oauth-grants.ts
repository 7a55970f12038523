import { principalOAuthGrantRevoke } from "../../../contracts/commands/principal-oauth-grant-revoke.ts";
import { principalOAuthGrantList } from "../../../contracts/queries/principal-oauth-grant-list.ts";
import { grantStore, grantsOfPrincipal, grantView, requirePrincipal } from "../../oauth/grant-store.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

/** The MCP clients whose OAuth tokens act as a principal of the caller's tenant. */
export const principalOAuthGrantListHandler = implement(principalOAuthGrantList, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  await requirePrincipal(ctx.db, tenantId, input.principalId);
  const grants = await grantsOfPrincipal(await grantStore(ctx.env), tenantId, input.principalId);
  return { items: grants.flatMap((g) => grantView(g) ?? []) };
});

/** Deletes the grant and its tokens; grants are listed per tenant and principal, so another tenant's is never found. */
export const principalOAuthGrantRevokeHandler = implement(principalOAuthGrantRevoke, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  await requirePrincipal(ctx.db, tenantId, input.principalId);
  const store = await grantStore(ctx.env);
  const grants = await grantsOfPrincipal(store, tenantId, input.principalId);
  const grant = grants.find((g) => g.id === input.grantId);
  if (grant === undefined) throw new ProblemError(404, "OAUTH_GRANT_NOT_FOUND", `No OAuth grant ${input.grantId} of principal ${input.principalId}.`);
  await store.revokeGrant(grant.id, grant.userId);
  return { grantId: grant.id, revoked: true as const };
});
