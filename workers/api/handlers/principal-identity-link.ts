import { and, eq } from "drizzle-orm";
import { principalIdentityLink } from "../../../contracts/commands/principal-identity-link.ts";
import { principalIdentities } from "../../../schema/index.ts";
import { implement, requireCaller } from "../handler.ts";
import { alreadyLinked, channelPrincipalOf, identitiesView, isPlaceholder, requirePerson } from "./principal-identities.ts";

/**
 * Links a channel identity to a principal. One owner per identity: the (tenant, identity) primary key
 * decides between concurrent links, and an identity that is somebody else's is refused, never moved.
 */
export const principalIdentityLinkHandler = implement(principalIdentityLink, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const { tenantId } = caller;
  const person = await requirePerson(ctx.db, tenantId, input.principalId);
  if (person.identities.some((i) => i.identity === input.identity)) return identitiesView(person);

  const [linked] = await ctx.db
    .select({ principalId: principalIdentities.principalId })
    .from(principalIdentities)
    .where(and(eq(principalIdentities.tenantId, tenantId), eq(principalIdentities.identity, input.identity)));
  if (linked !== undefined) throw alreadyLinked(input.identity);
  const own = await channelPrincipalOf(ctx.db, tenantId, input.identity);
  if (own !== undefined && !(await isPlaceholder(ctx.db, tenantId, own))) throw alreadyLinked(input.identity);

  await ctx.db
    .insert(principalIdentities)
    .values({ tenantId, identity: input.identity, principalId: input.principalId, linkedBy: caller.principalId, linkedAt: ctx.now.toISOString() })
    .onConflictDoNothing();
  const after = await requirePerson(ctx.db, tenantId, input.principalId);
  // A concurrent link to another principal won the primary key.
  if (!after.identities.some((i) => i.identity === input.identity)) throw alreadyLinked(input.identity);
  return identitiesView(after);
});
