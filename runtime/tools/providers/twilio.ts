import { z } from "zod";
import type { TwilioConfig } from "../config.ts";
import { readAnswer, type Result } from "./answer.ts";
import { send, type Answer, type Provider, type ProviderError } from "./send.ts";
import { joinUrl, type Transport } from "./transport.ts";

/** Twilio Programmable Messaging (WhatsApp and SMS). The step's key goes out as `I-Twilio-Idempotency-Token`. */
export interface TwilioClient {
  sendMessage(message: { from: string; to: string; body: string; idempotencyKey: string }): Promise<Result<{ sid: string }>>;
}

const Created = z.object({ sid: z.string().min(1) });
const TwilioError = z.object({ code: z.number(), message: z.string().optional() });

const tooManyRequests = 20429;

const twilio: Provider = { name: "TWILIO", readError };

export function twilioClient(config: TwilioConfig, transport: Transport): TwilioClient {
  const authorization = `Basic ${btoa(`${config.accountSid}:${config.authToken}`)}`;
  return {
    async sendMessage({ from, to, body, idempotencyKey }) {
      const sent = await send(transport, twilio, {
        url: joinUrl(config.apiUrl, "2010-04-01", "Accounts", config.accountSid, "Messages.json"),
        method: "POST",
        headers: {
          authorization,
          accept: "application/json",
          "content-type": "application/x-www-form-urlencoded",
          "i-twilio-idempotency-token": idempotencyKey,
        },
        body: new URLSearchParams({ To: to, From: from, Body: body }).toString(),
      });
      return sent.ok ? readAnswer(twilio, Created, sent.answer) : sent;
    },
  };
}

function readError(answer: Answer): ProviderError {
  const parsed = TwilioError.safeParse(answer.body);
  if (!parsed.success) return { code: `HTTP_${answer.status}` };
  const error: ProviderError = {
    code: String(parsed.data.code),
    ...(parsed.data.message === undefined ? {} : { message: parsed.data.message }),
  };
  return parsed.data.code === tooManyRequests ? { ...error, kind: "rate_limited" } : error;
}
