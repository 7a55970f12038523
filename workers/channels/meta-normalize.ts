import { z } from "zod";
import { utf8 } from "./bytes.ts";
import { sha256Hex } from "./crypto.ts";
import { decodeJson, type DraftContext, delivery, intentItem, type VerifiedDelivery } from "./normalize.ts";
import type { ChannelBinding, DeliveryItem, NormalizedDelivery, ResolveTenant } from "./sink.ts";
import { readWhatsappPlanButtonId } from "../../contracts/common/plan-confirmation-controls.ts";

export type MetaNormalized = { kind: "delivery"; delivery: NormalizedDelivery } | { kind: "malformed" };

const Message = z.object({
  from: z.string().min(1),
  id: z.string().min(1),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  button: z.object({ text: z.string() }).optional(),
  interactive: z
    .object({ type: z.string(), button_reply: z.object({ id: z.string().min(1).max(256), title: z.string().max(100) }).optional() })
    .optional(),
});
const Status = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  timestamp: z.string().regex(/^\d{1,12}$/).optional(),
  recipient_id: z.string().optional(),
  errors: z.array(z.object({ code: z.number().int() })).optional(),
});
const Change = z.object({
  field: z.string(),
  value: z
    .object({
      metadata: z.object({ phone_number_id: z.string().min(1) }).optional(),
      messages: z.array(z.unknown()).optional(),
      statuses: z.array(z.unknown()).optional(),
    })
    .optional(),
});
const Notification = z.object({
  object: z.string(),
  entry: z.array(z.object({ changes: z.array(Change).default([]) })).default([]),
});

/** One item before the tenant is known, so the delivery id can be computed from all of them. */
type Pending =
  | { kind: "message"; key: string; phoneNumberId: string; message: z.infer<typeof Message> }
  | { kind: "ready"; key: string; item: DeliveryItem };

/**
 * WhatsApp Cloud API: one POST can batch several entries, changes, messages and statuses.
 * Item ids are message ids (`id:status` for statuses); the delivery id is that id when there is
 * one item, else a digest of all of them, so a retried batch maps to the same delivery.
 */
export async function normalizeMeta(raw: VerifiedDelivery, resolveTenant: ResolveTenant): Promise<MetaNormalized> {
  const notification = decodeJson(Notification, raw.body);
  if (notification === undefined) return { kind: "malformed" };

  const pending: Pending[] = [];
  if (notification.object === "whatsapp_business_account") {
    for (const entry of notification.entry) {
      for (const change of entry.changes) collect(change, pending);
    }
  }
  const deliveryId = await batchId(pending.map((p) => p.key), raw.payloadDigest);
  if (pending.length === 0) pending.push({ kind: "ready", key: deliveryId, item: { kind: "ignored", itemId: deliveryId, reason: "unsupported_event" } });

  const ctx: DraftContext = { provider: "meta", deliveryId, payloadDigest: raw.payloadDigest, receivedAt: raw.receivedAt, resolveTenant };
  const items: DeliveryItem[] = [];
  for (const p of pending) items.push(p.kind === "ready" ? p.item : await messageItem(p, ctx));
  return { kind: "delivery", delivery: delivery(raw, { provider: "meta", deliveryId, retry: false, items }) };
}

function collect(change: z.infer<typeof Change>, into: Pending[]): void {
  const phoneNumberId = change.value?.metadata?.phone_number_id;
  if (change.field !== "messages" || change.value === undefined || phoneNumberId === undefined) return;
  const binding: ChannelBinding = { provider: "meta", phoneNumberId };
  for (const candidate of change.value.messages ?? []) {
    const message = Message.safeParse(candidate);
    if (message.success) into.push({ kind: "message", key: message.data.id, phoneNumberId, message: message.data });
  }
  for (const candidate of change.value.statuses ?? []) {
    const parsed = Status.safeParse(candidate);
    if (!parsed.success) continue;
    const s = parsed.data;
    const key = `${s.id}:${s.status}`;
    const errorCode = s.errors?.[0]?.code;
    into.push({
      kind: "ready",
      key,
      item: {
        kind: "status",
        itemId: key,
        status: {
          provider: "meta",
          messageId: s.id,
          status: s.status,
          binding,
          recipient: s.recipient_id,
          at: s.timestamp === undefined ? undefined : new Date(Number(s.timestamp) * 1000).toISOString(),
          errorCode: errorCode === undefined ? undefined : String(errorCode),
        },
      },
    });
  }
}

async function messageItem(p: Extract<Pending, { kind: "message" }>, ctx: DraftContext): Promise<DeliveryItem> {
  const { message, phoneNumberId } = p;
  // The same E.164 identity Twilio reports, so one person is one actor across providers.
  const actor = { type: "human" as const, id: `whatsapp:+${message.from}` };
  const binding: ChannelBinding = { provider: "meta", phoneNumberId };
  const replyTo = { kind: "whatsapp_meta" as const, phoneNumberId, to: message.from };
  const reply = message.type === "interactive" ? message.interactive?.button_reply : undefined;
  // A reply button of a plan confirmation notice: Confirm / Cancel of that execution's plan, bound to its digest.
  const planButton = reply === undefined ? undefined : readWhatsappPlanButtonId(reply.id);
  if (planButton !== undefined) {
    const bound = await ctx.resolveTenant(binding);
    if (bound === undefined || "conflict" in bound) return { kind: "unbound", itemId: p.key, binding, actor, replyTo };
    const { decision, executionId, planDigest } = planButton;
    return { kind: "plan_decision", itemId: p.key, tenantId: bound.tenantId, provider: "meta", action: { decision, ref: { executionId, planDigest }, actor, replyTo } };
  }
  // Any other reply button says what its title says, as if typed.
  const text = message.text?.body ?? message.button?.text ?? reply?.title;
  if (text === undefined) return { kind: "ignored", itemId: p.key, reason: "unsupported_message_type" };
  return intentItem({ itemId: p.key, binding, actor, channel: "whatsapp_meta", replyTo, text: text.trim() }, ctx);
}

async function batchId(keys: string[], payloadDigest: string): Promise<string> {
  const [only] = keys;
  if (keys.length === 0) return `payload:${payloadDigest}`;
  if (keys.length === 1 && only !== undefined) return only;
  return `batch:${await sha256Hex(utf8([...keys].sort().join("\n")))}`;
}
