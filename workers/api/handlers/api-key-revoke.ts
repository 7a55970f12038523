import { and, eq, isNull } from "drizzle-orm";
import { apiKeyRevoke } from "../../../contracts/commands/api-key-revoke.ts";
import { apiKeys } from "../../../schema/index.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { keyViews } from "./api-key-view.ts";

export const apiKeyRevokeHandler = implement(apiKeyRevoke, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const mine = and(eq(apiKeys.id, input.keyId), eq(apiKeys.tenantId, tenantId));
  await ctx.db.update(apiKeys).set({ revokedAt: ctx.now.toISOString() }).where(and(mine, isNull(apiKeys.revokedAt)));
  const row = await ctx.db.query.apiKeys.findFirst({ where: mine });
  if (!row) throw new ProblemError(404, "KEY_NOT_FOUND", `No key ${input.keyId} in this tenant.`);
  const [view] = await keyViews(ctx.db, tenantId, [row]);
  if (!view) throw new Error("key view vanished");
  return view;
});
