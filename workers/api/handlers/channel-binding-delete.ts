import { and, eq } from "drizzle-orm";
import { channelBindingDelete } from "../../../contracts/commands/channel-binding-delete.ts";
import { channelBindings } from "../../../schema/index.ts";
import { forgetBinding } from "../../ingest/channel-sink.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { bindingView } from "./channel-binding-view.ts";

export const channelBindingDeleteHandler = implement(channelBindingDelete, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const [row] = await ctx.db
    .delete(channelBindings)
    .where(and(eq(channelBindings.provider, input.provider), eq(channelBindings.externalId, input.externalId), eq(channelBindings.tenantId, tenantId)))
    .returning();
  forgetBinding(input.provider, input.externalId);
  // Another tenant's binding is as invisible as a missing one.
  if (!row) throw new ProblemError(404, "BINDING_NOT_FOUND", `No ${input.provider} binding for this channel in this tenant.`);
  return bindingView(row);
});
