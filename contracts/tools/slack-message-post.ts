import { z } from "zod";
import { defineTool } from "./define.ts";

export const slackMessagePost = defineTool({
  kind: "tool",
  key: "slack.message.post",
  version: "1.0.0",
  description: "Post a message to a Slack channel (chat.postMessage), optionally in a thread.",
  input: z.object({
    channel: z.string().regex(/^(#[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{2,})$/, "expected `#name` or a channel id"),
    text: z.string().min(1).max(40000),
    threadTs: z.string().regex(/^\d+\.\d+$/, "expected a Slack message ts").optional(),
  }),
  output: z.object({
    channel: z.string().min(1),
    ts: z.string().regex(/^\d+\.\d+$/),
  }),
  risk: "medium",
  sideEffect: "external_message",
  idempotency: "none",
  tags: ["slack", "message"],
});
