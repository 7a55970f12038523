import { slackMessagePost } from "../../contracts/tools/slack-message-post.ts";
import { defineAdapter } from "./adapter.ts";
import { succeeded } from "../../runtime/tools/outcome.ts";

export const slackMessagePostAdapter = defineAdapter({
  tool: slackMessagePost,
  needs: () => ["slack"],
  // The workspace the intent came from, when it came from Slack; otherwise the tenant's one workspace.
  targets: ({ context }) => [{ provider: "slack", teamId: context.replyTo.kind === "slack" ? context.replyTo.teamId : undefined }],
  async run({ input, clients }) {
    const posted = await clients.slack().postMessage({ channel: input.channel, text: input.text, threadTs: input.threadTs });
    return posted.ok ? succeeded({ channel: posted.value.channel, ts: posted.value.ts }) : posted;
  },
});
