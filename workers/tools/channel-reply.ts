import { channelReply } from "../../contracts/tools/channel-reply.ts";
import type { ReplyTarget } from "../../contracts/intent.ts";
import { replyConnectionTargets } from "../../runtime/connections/reply-targets.ts";
import { defineAdapter } from "./adapter.ts";
import type { ProviderKey } from "../../runtime/tools/clients.ts";
import { finalFailure, succeeded } from "../../runtime/tools/outcome.ts";

const needsByTarget: Record<ReplyTarget["kind"], readonly ProviderKey[]> = {
  slack: ["slack"],
  github: ["github"],
  whatsapp_meta: ["meta"],
  whatsapp_twilio: ["twilio"],
  none: [],
};

/**
 * Answers where the intent came from. The target is the intent's `replyTo`, carried by the step context,
 * never the plan's input, so a plan cannot point a reply elsewhere.
 */
export const channelReplyAdapter = defineAdapter({
  tool: channelReply,
  needs: ({ context }) => needsByTarget[context.replyTo.kind],
  targets: ({ context }) => replyConnectionTargets(context.replyTo),
  async run({ input, context, clients }) {
    const target = context.replyTo;
    const { text } = input;
    switch (target.kind) {
      case "slack": {
        if (target.responseUrl !== undefined) {
          const answered = await clients.slack().answerCommand({ channelId: target.channelId, responseUrl: target.responseUrl }, text);
          // response_url answers no message id; the step's key identifies the reply instead.
          return answered.ok ? succeeded({ channel: "slack", messageId: answered.value.ts ?? context.idempotencyKey }) : answered;
        }
        const posted = await clients.slack().postMessage({ channel: target.channelId, text, threadTs: target.threadTs });
        return posted.ok ? succeeded({ channel: "slack", messageId: posted.value.ts }) : posted;
      }
      case "github": {
        const issue = { owner: target.owner, repo: target.repo, number: target.issueNumber };
        const comment = await clients.github().comment(issue, text);
        return comment.ok ? succeeded({ channel: "github", messageId: String(comment.value.id) }) : comment;
      }
      case "whatsapp_meta": {
        const sent = await clients.meta().sendText({ phoneNumberId: target.phoneNumberId, to: target.to, text, idempotencyKey: context.idempotencyKey });
        return sent.ok ? succeeded({ channel: "whatsapp_meta", messageId: sent.value.messageId }) : sent;
      }
      case "whatsapp_twilio": {
        // `from` is our number the message came to and `to` the person, each as Twilio wrote them
        // (`whatsapp:+…` for WhatsApp, bare for SMS), so the reply goes back the way it came.
        const sent = await clients.twilio().sendMessage({ from: target.from, to: target.to, body: text, idempotencyKey: context.idempotencyKey });
        return sent.ok ? succeeded({ channel: "whatsapp_twilio", messageId: sent.value.sid }) : sent;
      }
      case "none":
        return finalFailure("NO_REPLY_TARGET", "the intent came from no channel that can be answered");
    }
  },
});
