import type { z } from "zod";
import { type Actor, type ChannelKind, Intent, type ReplyTarget } from "../../contracts/intent.ts";
import { bindCommandCode } from "../../runtime/bindings/code.ts";
import { readPlanCommand } from "../../contracts/common/plan-confirmation-controls.ts";
import { fromUtf8 } from "./bytes.ts";
import type { ChannelBinding, DeliveryItem, NormalizedDelivery, Provider, ResolveTenant } from "./sink.ts";

/** A delivery whose signature has been verified, as the normalizers receive it. */
export interface VerifiedDelivery {
  body: Uint8Array<ArrayBuffer>;
  headers: Headers;
  /** sha256 hex of `body`. */
  payloadDigest: string;
  /** ISO time of receipt, injected: normalization reads no clock. */
  receivedAt: string;
}

/** Every intent text, whatever its channel, is capped by the Intent contract. */
export const MAX_INTENT_TEXT = 4000;

export interface IntentDraft {
  itemId: string;
  binding: ChannelBinding;
  actor: Actor;
  channel: ChannelKind;
  replyTo: ReplyTarget;
  text: string;
  /** False when the sender may not confirm a binding from here (GitHub: not an owner, member or collaborator). */
  mayBind?: boolean;
}

export interface DraftContext {
  provider: Provider;
  deliveryId: string;
  payloadDigest: string;
  receivedAt: string;
  resolveTenant: ResolveTenant;
}

/** Resolves the tenant and validates against the contract; what cannot become an Intent is kept as a refusal. */
export async function intentItem(draft: IntentDraft, ctx: DraftContext): Promise<DeliveryItem> {
  const { itemId, actor, replyTo } = draft;
  // A bind code is read before the tenant: it is what makes a pending binding route at all.
  const code = bindCommandCode(draft.text);
  if (code !== undefined) {
    return draft.mayBind === false ? { kind: "ignored", itemId, reason: "bind_not_allowed" } : { kind: "bind", itemId, binding: draft.binding, code, actor };
  }
  const bound = await ctx.resolveTenant(draft.binding);
  if (bound === undefined || "conflict" in bound) return { kind: "unbound", itemId, binding: draft.binding, actor, replyTo };
  // `confirm <code>` / `cancel <code>`: the requester's answer to a model-drafted plan, never a new request.
  const planCommand = readPlanCommand(draft.text);
  if (planCommand !== undefined) {
    return { kind: "plan_decision", itemId, tenantId: bound.tenantId, provider: ctx.provider, action: { decision: planCommand.decision, ref: { code: planCommand.code }, actor, replyTo } };
  }
  if (draft.text.length > MAX_INTENT_TEXT) return { kind: "invalid", itemId, reason: "text_too_long", actor, replyTo };

  const parsed = Intent.safeParse({
    tenantId: bound.tenantId,
    actor,
    channel: draft.channel,
    replyTo,
    text: draft.text,
    receivedAt: ctx.receivedAt,
    source: { provider: ctx.provider, deliveryId: ctx.deliveryId, payloadDigest: ctx.payloadDigest },
  });
  if (!parsed.success) return { kind: "invalid", itemId, reason: "schema_mismatch", actor, replyTo };
  // The binding's narrowing travels with the item: every intent from the channel runs under it.
  return { kind: "intent", itemId, intent: parsed.data, ...(bound.grantScope === undefined ? {} : { grantScope: bound.grantScope }) };
}

export function decodeJson<S extends z.ZodType>(schema: S, body: Uint8Array): z.infer<S> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(body));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function delivery(
  raw: VerifiedDelivery,
  fields: Pick<NormalizedDelivery, "provider" | "deliveryId" | "retry" | "items">,
): NormalizedDelivery {
  return { ...fields, payloadDigest: raw.payloadDigest, receivedAt: raw.receivedAt, body: raw.body };
}
