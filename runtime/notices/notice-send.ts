import type { ReplyTarget } from "../../contracts/intent.ts";
import { clientsFor, NotConfiguredError } from "../tools/clients.ts";
import type { ProviderConfig } from "../tools/config.ts";
import { finalFailure, type ToolFailure } from "../tools/outcome.ts";
import type { Transport } from "../tools/providers/transport.ts";
import type { NoticeMessage } from "./notice-message.ts";

export type NoticeSent = { ok: true; messageId: string | null } | ToolFailure;

export interface NoticeDeps {
  config: ProviderConfig;
  fetch: typeof fetch;
  now?: () => number;
}

/**
 * Posts an approval notice where the intent came from, through the same provider clients (and so the
 * same configured base URLs, tokens, timeouts and failure classes) as `channel.reply`. Never throws.
 * `idempotencyKey` (the notice id) goes to the providers that take one (Twilio; Meta echoes it).
 */
export async function sendNotice(target: ReplyTarget, message: NoticeMessage, idempotencyKey: string, deps: NoticeDeps): Promise<NoticeSent> {
  const transport: Transport = { fetch: (input, init) => deps.fetch(input, init), timeoutMs: deps.config.timeoutMs, now: deps.now ?? Date.now };
  const clients = clientsFor(deps.config, transport);
  const blocks = message.format === "slack_blocks" ? message.blocks : undefined;
  try {
    switch (target.kind) {
      case "slack": {
        if (target.responseUrl !== undefined) {
          const answered = await clients.slack().answerCommand({ channelId: target.channelId, responseUrl: target.responseUrl }, message.text, blocks);
          return answered.ok ? { ok: true, messageId: answered.value.ts } : answered;
        }
        const posted = await clients.slack().postMessage({ channel: target.channelId, text: message.text, threadTs: target.threadTs, blocks });
        return posted.ok ? { ok: true, messageId: posted.value.ts } : posted;
      }
      case "github": {
        const comment = await clients.github().comment({ owner: target.owner, repo: target.repo, number: target.issueNumber }, message.text);
        return comment.ok ? { ok: true, messageId: String(comment.value.id) } : comment;
      }
      case "whatsapp_meta": {
        const meta = clients.meta();
        const sent =
          message.format === "whatsapp_buttons"
            ? await meta.sendButtons({ phoneNumberId: target.phoneNumberId, to: target.to, text: message.text, buttons: message.buttons, idempotencyKey })
            : await meta.sendText({ phoneNumberId: target.phoneNumberId, to: target.to, text: message.text, idempotencyKey });
        return sent.ok ? { ok: true, messageId: sent.value.messageId } : sent;
      }
      case "whatsapp_twilio": {
        const sent = await clients.twilio().sendMessage({ from: target.from, to: target.to, body: message.text, idempotencyKey });
        return sent.ok ? { ok: true, messageId: sent.value.sid } : sent;
      }
      case "none":
        return finalFailure("NO_REPLY_TARGET", "the intent came from no channel that can be answered");
    }
  } catch (error) {
    if (error instanceof NotConfiguredError) return finalFailure("NOT_CONFIGURED", error.message);
    return finalFailure("NOTICE_ERROR", `approval notice failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
