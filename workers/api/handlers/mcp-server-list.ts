import { mcpServerList } from "../../../contracts/queries/mcp-server-list.ts";
import { mcpServerView, registeredServersQuery } from "../../mcp/upstream/registered.ts";
import { implement, requireCaller } from "../handler.ts";

export const mcpServerListHandler = implement(mcpServerList, async (_input, ctx) => {
  const caller = requireCaller(ctx);
  return { items: (await registeredServersQuery(ctx.db, caller.tenantId)).map(mcpServerView) };
});
