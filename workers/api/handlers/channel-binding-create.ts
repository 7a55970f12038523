import { and, eq } from "drizzle-orm";
import { channelBindingCreate } from "../../../contracts/commands/channel-binding-create.ts";
import { channelBindings } from "../../../schema/index.ts";
import { forgetBinding } from "../../ingest/channel-sink.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { bindingView } from "./channel-binding-view.ts";

export const channelBindingCreateHandler = implement(channelBindingCreate, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const key = and(eq(channelBindings.provider, input.provider), eq(channelBindings.externalId, input.externalId));
  // The primary key (provider, external id) keeps a channel in one tenant even when two admins race.
  await ctx.db
    .insert(channelBindings)
    .values({ provider: input.provider, externalId: input.externalId, tenantId, createdAt: ctx.now.toISOString() })
    .onConflictDoNothing();
  forgetBinding(input.provider, input.externalId);
  const row = await ctx.db.query.channelBindings.findFirst({ where: key });
  if (!row) throw new Error("channel binding vanished after insert");
  if (row.tenantId !== tenantId) throw new ProblemError(409, "BINDING_TAKEN", `This ${input.provider} channel is bound to another tenant.`);
  return bindingView(row);
});
