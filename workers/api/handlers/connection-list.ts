import { asc, eq } from "drizzle-orm";
import { connectionList } from "../../../contracts/queries/connection-list.ts";
import { connections } from "../../../schema/index.ts";
import { implement, requireCaller } from "../handler.ts";
import { connectionView } from "./connection-view.ts";

export const connectionListHandler = implement(connectionList, async (_input, ctx) => {
  const caller = requireCaller(ctx);
  const rows = await ctx.db.select().from(connections).where(eq(connections.tenantId, caller.tenantId)).orderBy(asc(connections.provider), asc(connections.externalId));
  return { items: rows.map(connectionView) };
});
