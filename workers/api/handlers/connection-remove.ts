import { connectionRemove } from "../../../contracts/commands/connection-remove.ts";
import { dropInstallBinding } from "../../../runtime/connections/install-binding.ts";
import { deactivateConnection } from "../../../runtime/connections/store.ts";
import { forgetBinding } from "../../ingest/channel-sink.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { connectionView } from "./connection-view.ts";

/** Drops the credential and the channel binding; the next step for that target fails NOT_CONNECTED. */
export const connectionRemoveHandler = implement(connectionRemove, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const row = await deactivateConnection(ctx.db, input.provider, input.externalId, ctx.now, caller.tenantId);
  if (row === undefined) throw new ProblemError(404, "CONNECTION_NOT_FOUND", `No ${input.provider} install ${input.externalId} in this tenant.`);
  const bindingId = input.provider === "github" ? `installation:${input.externalId}` : input.externalId;
  await dropInstallBinding(ctx.db, input.provider, bindingId, caller.tenantId);
  forgetBinding(input.provider, bindingId);
  return connectionView(row);
});
