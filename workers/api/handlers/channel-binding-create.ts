import { and, eq, ne } from "drizzle-orm";
import { channelBindingCreate } from "../../../contracts/commands/channel-binding-create.ts";
import { intentSubmit } from "../../../contracts/commands/intent-submit.ts";
import type { ChannelBindingGrantView } from "../../../contracts/common/channel-binding.ts";
import { isNarrowed } from "../../../engine/policy/grant-scope.ts";
import { BINDING_CODE_TTL_MS, bindingCodeHash, newBindingCode } from "../../../runtime/bindings/code.ts";
import { confirmationOf } from "../../../runtime/bindings/instructions.ts";
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
  const channel = and(eq(channelBindings.provider, input.provider), eq(channelBindings.externalId, input.externalId));
  const [taken] = await ctx.db
    .select({ tenantId: channelBindings.tenantId })
    .from(channelBindings)
    .where(and(channel, eq(channelBindings.status, "confirmed"), ne(channelBindings.tenantId, tenantId)))
    .limit(1);
  if (taken !== undefined) throw new ProblemError(409, "BINDING_TAKEN", `This ${input.provider} channel is bound to another tenant.`, [{ path: "externalId", message: "confirmed by another tenant" }]);
  if (input.provider === "github" && input.externalId.startsWith("installation:")) {
    // A repository confirmed through this installation (here or in another tenant) would be claimed twice.
    const installation = input.externalId.slice("installation:".length);
    const [inside] = await ctx.db
      .select({ externalId: channelBindings.externalId })
      .from(channelBindings)
      .where(and(eq(channelBindings.provider, "github"), eq(channelBindings.status, "confirmed"), eq(channelBindings.installationId, installation)))
      .limit(1);
    if (inside !== undefined) {
      throw new ProblemError(409, "BINDING_CONFLICT", "A repository of this installation is bound already; a repository and its installation cannot both be bound.", [
        { path: "externalId", message: "overlaps a bound repository" },
      ]);
    }
  }

  const [own] = await ctx.db.select().from(channelBindings).where(and(channel, eq(channelBindings.tenantId, tenantId))).limit(1);
  const code = own?.status === "confirmed" ? null : newBindingCode();
  const expiresAt = code === null ? null : new Date(ctx.now.getTime() + BINDING_CODE_TTL_MS).toISOString();
  const codeHash = code === null ? null : bindingCodeHash(code);
  const pendingFields = code === null ? {} : { codeHash, codeExpiresAt: expiresAt };
  // A repeated claim refreshes the grant and, while pending, replaces the code (the old one stops working).
  const [row] = await ctx.db
    .insert(channelBindings)
    .values({ provider: input.provider, externalId: input.externalId, tenantId, grantScope, createdAt: ctx.now.toISOString(), status: "pending", codeHash, codeExpiresAt: expiresAt })
    .onConflictDoUpdate({ target: [channelBindings.provider, channelBindings.externalId, channelBindings.tenantId], set: { grantScope, ...pendingFields } })
    .returning();
  forgetBinding(input.provider, input.externalId);
  if (row === undefined) throw new Error("channel binding vanished after insert");
  const confirmation = code === null || expiresAt === null || row.status === "confirmed" ? null : confirmationOf(input.provider, code, expiresAt);
  return { ...bindingView(row), confirmation };
});
