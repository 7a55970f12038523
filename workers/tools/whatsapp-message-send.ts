import { whatsappMessageSend } from "../../contracts/tools/whatsapp-message-send.ts";
import { defineAdapter } from "./adapter.ts";
import { finalFailure, succeeded } from "../../runtime/tools/outcome.ts";
import { twilioWhatsapp } from "./whatsapp-address.ts";

export const whatsappMessageSendAdapter = defineAdapter({
  tool: whatsappMessageSend,
  needs: ({ config }) => [config.whatsappProvider],
  async run({ input, context, config, clients }) {
    const idempotencyKey = context.idempotencyKey;
    if (config.whatsappProvider === "twilio") {
      const from = config.twilio?.whatsappFrom;
      if (from === undefined) return finalFailure("NOT_CONFIGURED", "whatsapp.message.send through Twilio needs TWILIO_WHATSAPP_FROM");
      const sent = await clients.twilio().sendMessage({ from: twilioWhatsapp(from), to: twilioWhatsapp(input.to), body: input.text, idempotencyKey });
      return sent.ok ? succeeded({ messageId: sent.value.sid }) : sent;
    }
    const phoneNumberId = config.meta?.phoneNumberId;
    if (phoneNumberId === undefined) return finalFailure("NOT_CONFIGURED", "whatsapp.message.send through Meta needs META_PHONE_NUMBER_ID");
    const sent = await clients.meta().sendText({ phoneNumberId, to: input.to, text: input.text, idempotencyKey });
    return sent.ok ? succeeded({ messageId: sent.value.messageId }) : sent;
  },
});
