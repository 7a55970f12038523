import { z } from "zod";
import { defineTool } from "./define.ts";

export const whatsappMessageSend = defineTool({
  kind: "tool",
  key: "whatsapp.message.send",
  version: "1.0.0",
  description: "Send a WhatsApp text message to a phone number (Meta Cloud API or Twilio).",
  input: z.object({ to: z.e164(), text: z.string().min(1).max(4096) }),
  output: z.object({ messageId: z.string().min(1) }),
  risk: "high",
  sideEffect: "external_message",
  // Twilio honours I-Twilio-Idempotency-Token but Meta's Cloud API has nothing alike; the contract promises the weaker.
  idempotency: "none",
  tags: ["whatsapp", "message"],
});
