import { z } from "zod";
import { ChannelKind } from "../intent.ts";
import { defineTool } from "./define.ts";

export const channelReply = defineTool({
  kind: "tool",
  key: "channel.reply",
  version: "1.0.0",
  description: "Answer in the thread the intent came from (Slack thread, GitHub issue, WhatsApp chat).",
  // No target in the input: the executor takes it from the intent's replyTo, so a plan cannot redirect a reply.
  input: z.object({ text: z.string().min(1).max(4000) }),
  output: z.object({ channel: ChannelKind, messageId: z.string().min(1) }),
  risk: "low",
  sideEffect: "external_message",
  idempotency: "none",
  tags: ["channel", "reply"],
});
