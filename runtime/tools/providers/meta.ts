import { z } from "zod";
import type { MetaConfig } from "../config.ts";
import { readAnswer, type Result } from "./answer.ts";
import { send, type Answer, type Provider, type ProviderError } from "./send.ts";
import { joinUrl, type Transport } from "./transport.ts";

/**
 * WhatsApp Cloud API through the Meta Graph API. The Cloud API takes no idempotency key; the step's key
 * goes out as `biz_opaque_callback_data`, which Meta echoes in status webhooks, so a delivery status can be
 * tied back to the step even when a retry sent the message twice.
 */
export interface MetaClient {
  sendText(message: { phoneNumberId: string; to: string; text: string; idempotencyKey: string }): Promise<Result<{ messageId: string }>>;
  /** An interactive message with up to three reply buttons; a press comes back as `interactive.button_reply` with the button's id. */
  sendButtons(message: { phoneNumberId: string; to: string; text: string; buttons: { id: string; title: string }[]; idempotencyKey: string }): Promise<Result<{ messageId: string }>>;
}

const Sent = z.object({ messages: z.tuple([z.object({ id: z.string().min(1) })], z.unknown()) });
const MetaError = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
  }),
});

// Throttling codes from Meta's Graph and WhatsApp error references; Meta answers them with 400 or 429.
const throttled = new Set([4, 17, 32, 613, 80007, 130429, 131048, 131056]);

const meta: Provider = { name: "META", readError };

export function metaClient(config: MetaConfig, transport: Transport): MetaClient {
  const post = async (phoneNumberId: string, message: Record<string, unknown>): Promise<Result<{ messageId: string }>> => {
    const sent = await send(transport, meta, {
      url: joinUrl(config.graphUrl, config.graphVersion, phoneNumberId, "messages"),
      method: "POST",
      headers: { authorization: `Bearer ${config.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", ...message }),
    });
    if (!sent.ok) return sent;
    const answer = readAnswer(meta, Sent, sent.answer);
    return answer.ok ? { ok: true, value: { messageId: answer.value.messages[0].id } } : answer;
  };
  return {
    sendText({ phoneNumberId, to, text, idempotencyKey }) {
      return post(phoneNumberId, { to, type: "text", text: { preview_url: false, body: text }, biz_opaque_callback_data: idempotencyKey });
    },
    sendButtons({ phoneNumberId, to, text, buttons, idempotencyKey }) {
      return post(phoneNumberId, {
        to,
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: text.slice(0, 1024) },
          action: { buttons: buttons.slice(0, 3).map((b) => ({ type: "reply", reply: { id: b.id.slice(0, 256), title: b.title.slice(0, 20) } })) },
        },
        biz_opaque_callback_data: idempotencyKey,
      });
    },
  };
}

function readError(answer: Answer): ProviderError {
  const parsed = MetaError.safeParse(answer.body);
  if (!parsed.success || parsed.data.error.code === undefined) return { code: `HTTP_${answer.status}` };
  const { code, message, is_transient } = parsed.data.error;
  const error: ProviderError = { code: String(code), ...(message === undefined ? {} : { message }) };
  if (throttled.has(code)) return { ...error, kind: "rate_limited" };
  if (is_transient === true) return { ...error, kind: "unavailable" };
  return error;
}
