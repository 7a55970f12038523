import { and, eq } from "drizzle-orm";
import { mcpServerRemove } from "../../../contracts/commands/mcp-server-remove.ts";
import { mcpServers } from "../../../schema/index.ts";
import { mcpServerView } from "../../mcp/upstream/registered.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

/** Deletes the row, sealed credential included: later calls of its tools fail UPSTREAM_NOT_REGISTERED. */
export const mcpServerRemoveHandler = implement(mcpServerRemove, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const [row] = await ctx.db
    .delete(mcpServers)
    .where(and(eq(mcpServers.tenantId, caller.tenantId), eq(mcpServers.name, input.name)))
    .returning();
  if (row === undefined) throw new ProblemError(404, "MCP_SERVER_NOT_FOUND", `No upstream MCP server ${input.name} in this tenant.`);
  return mcpServerView(row);
});
