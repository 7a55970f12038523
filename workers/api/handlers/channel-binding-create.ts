import { and, eq } from "drizzle-orm";
import { channelBindingCreate } from "../../../contracts/commands/channel-binding-create.ts";
import { intentSubmit } from "../../../contracts/commands/intent-submit.ts";
import type { ChannelBindingGrantView } from "../../../contracts/common/channel-binding.ts";
import { isNarrowed } from "../../../engine/policy/grant-scope.ts";
import { channelBindings } from "../../../schema/index.ts";
import { forgetBinding } from "../../ingest/channel-sink.ts";
import { scopeOf, widerThanHeld } from "../grant-narrowing.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { bindingView } from "./channel-binding-view.ts";

export const channelBindingCreateHandler = implement(channelBindingCreate, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const { tenantId } = caller;
  // The binding narrows the grant channel intents are submitted under, stored as an API key's narrowing is.
  const scope = scopeOf({ capability: intentSubmit.capability, ...input.grant });
  // A caller narrowed itself cannot open a channel whose intents reach further than its own grant would.
  const held = caller.grants.get(intentSubmit.capability);
  const wider = held === undefined ? null : widerThanHeld(scope, held);
  if (wider !== null) {
    throw new ProblemError(403, "GRANT_WIDER_THAN_HELD", "The binding's grant is narrowed less than the calling key's own grant.", [
      { path: "grant", message: wider },
    ]);
  }
  const grantScope: ChannelBindingGrantView | null = isNarrowed(scope) ? { tools: scope.tools, channels: scope.channels, constraints: scope.constraints } : null;
  const key = and(eq(channelBindings.provider, input.provider), eq(channelBindings.externalId, input.externalId));
  // The primary key (provider, external id) keeps a channel in one tenant even when two admins race; binding
  // one this tenant already holds sets its grant, and never touches another tenant's.
  await ctx.db
    .insert(channelBindings)
    .values({ provider: input.provider, externalId: input.externalId, tenantId, grantScope, createdAt: ctx.now.toISOString() })
    .onConflictDoUpdate({
      target: [channelBindings.provider, channelBindings.externalId],
      set: { grantScope },
      setWhere: eq(channelBindings.tenantId, tenantId),
    });
  forgetBinding(input.provider, input.externalId);
  const row = await ctx.db.query.channelBindings.findFirst({ where: key });
  if (!row) throw new Error("channel binding vanished after insert");
  if (row.tenantId !== tenantId) throw new ProblemError(409, "BINDING_TAKEN", `This ${input.provider} channel is bound to another tenant.`);
  return bindingView(row);
});
