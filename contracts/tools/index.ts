import { channelReply } from "./channel-reply.ts";
import type { ToolContract } from "./define.ts";
import { githubIssueClose } from "./github-issue-close.ts";
import { githubIssueComment } from "./github-issue-comment.ts";
import { githubIssueLabel } from "./github-issue-label.ts";
import { httpRequest } from "./http-request.ts";
import { createToolRegistry } from "./registry.ts";
import { slackMessagePost } from "./slack-message-post.ts";
import { whatsappMessageSend } from "./whatsapp-message-send.ts";

export * from "./define.ts";
export * from "./registry.ts";
export {
  channelReply,
  githubIssueClose,
  githubIssueComment,
  githubIssueLabel,
  httpRequest,
  slackMessagePost,
  whatsappMessageSend,
};

export const builtinTools: readonly ToolContract[] = [
  channelReply,
  slackMessagePost,
  githubIssueComment,
  githubIssueLabel,
  githubIssueClose,
  whatsappMessageSend,
  httpRequest,
];

/** The built-in tools; skill tools join through `createToolRegistry([...builtinTools, ...skillTools])`. */
export const toolRegistry = createToolRegistry(builtinTools);

export const toolRegistryVersion: string = toolRegistry.version;
