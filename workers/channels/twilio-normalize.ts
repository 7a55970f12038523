import type { Actor, ReplyTarget } from "../../contracts/intent.ts";
import { parseForm } from "./form.ts";
import { type DraftContext, delivery, intentItem, type VerifiedDelivery } from "./normalize.ts";
import type { DeliveryItem, NormalizedDelivery, ResolveTenant } from "./sink.ts";

export type TwilioNormalized = { kind: "delivery"; delivery: NormalizedDelivery } | { kind: "malformed" };

const WHATSAPP = "whatsapp:";

/** How the signature covered the body: its form parameters, or (`bodySHA256` in the URL) a JSON body by digest. */
export type TwilioSignedAs = "form" | "json";

/**
 * Inbound messages (From/To/Body) and status callbacks (MessageStatus, no Body). Item ids come from
 * the signed parameters: MessageSid (`:MessageStatus` for callbacks). The body is read the way its
 * signature covered it, not by the unsigned Content-Type. The delivery id is that item id, followed by
 * `@` and the unsigned `I-Twilio-Idempotency-Token` when Twilio sends one: a token chosen by someone
 * replaying a body can only tell copies of that body apart, never collide with another message's delivery.
 */
export async function normalizeTwilio(raw: VerifiedDelivery, resolveTenant: ResolveTenant, signedAs: TwilioSignedAs): Promise<TwilioNormalized> {
  const token = raw.headers.get("i-twilio-idempotency-token") ?? undefined;
  const deliveryIdOf = (key: string) => (token === undefined ? key : `${key}@${token}`);
  if (signedAs === "json") {
    const itemId = `payload:${raw.payloadDigest}`;
    const items: DeliveryItem[] = [{ kind: "ignored", itemId, reason: "unsupported_event" }];
    return { kind: "delivery", delivery: delivery(raw, { provider: "twilio", deliveryId: deliveryIdOf(itemId), retry: false, items }) };
  }

  const form = parseForm(raw.body);
  const sid = form.get("MessageSid");
  const from = form.get("From");
  const to = form.get("To");
  if (sid === null || sid.length === 0 || from === null || to === null) return { kind: "malformed" };
  const accountSid = form.get("AccountSid") ?? undefined;
  const status = form.get("MessageStatus");
  const body = form.get("Body");

  // Inbound messages may carry MessageStatus=received; only other statuses are callbacks about our messages.
  if (status !== null && status !== "received" && body === null) {
    const itemId = `${sid}:${status}`;
    const errorCode = form.get("ErrorCode") ?? undefined;
    const item: DeliveryItem = {
      kind: "status",
      itemId,
      status: {
        provider: "twilio",
        messageId: sid,
        status,
        binding: { provider: "twilio", number: stripWhatsApp(from), accountSid },
        recipient: to,
        errorCode,
      },
    };
    return { kind: "delivery", delivery: delivery(raw, { provider: "twilio", deliveryId: deliveryIdOf(itemId), retry: false, items: [item] }) };
  }
  if (body === null) return { kind: "malformed" };

  const deliveryId = deliveryIdOf(sid);
  const ctx: DraftContext = { provider: "twilio", deliveryId, payloadDigest: raw.payloadDigest, receivedAt: raw.receivedAt, resolveTenant };
  const replyTo: ReplyTarget = { kind: "whatsapp_twilio", from: to, to: from };
  const item = from.startsWith(WHATSAPP)
    ? await intentItem(
        {
          itemId: sid,
          binding: { provider: "twilio", number: stripWhatsApp(to), accountSid },
          actor: { type: "human", id: from },
          channel: "whatsapp_twilio",
          replyTo,
          text: body.trim(),
        },
        ctx,
      )
    : smsRefusal(sid, from, replyTo);
  return { kind: "delivery", delivery: delivery(raw, { provider: "twilio", deliveryId, retry: false, items: [item] }) };
}

/** The Intent contract has no SMS channel yet: SMS is recorded and refused, not dropped. */
function smsRefusal(itemId: string, from: string, replyTo: ReplyTarget): DeliveryItem {
  const actor: Actor = { type: "human", id: `sms:${from}` };
  return { kind: "invalid", itemId, reason: "unsupported_channel", actor, replyTo };
}

function stripWhatsApp(address: string): string {
  return address.startsWith(WHATSAPP) ? address.slice(WHATSAPP.length) : address;
}
