import { z } from "zod";
import type { SlackConfig } from "../config.ts";
import { finalFailure } from "../outcome.ts";
import { readAnswer, type Result } from "./answer.ts";
import { parseRetryAfter } from "./retry-after.ts";
import { providerFailure, send, type Answer, type Provider, type ProviderError } from "./send.ts";
import { joinUrl, type Transport } from "./transport.ts";

/**
 * Slack Web API. Slack accepts no idempotency key on chat.postMessage: what keeps a retry from posting
 * twice is the executor's write-before-call and its guard on steps already recorded as succeeded.
 */
export interface SlackClient {
  postMessage(message: { channel: string; text: string; threadTs?: string | undefined; blocks?: readonly unknown[] | undefined }): Promise<Result<{ channel: string; ts: string }>>;
  /** Answers a slash command through its `response_url`. */
  respond(responseUrl: string, text: string, blocks?: readonly unknown[]): Promise<Result<null>>;
  /**
   * Answers a slash command at its `response_url` while Slack still takes it (5 answers within 30 minutes),
   * then with chat.postMessage in the command's channel; `ts` is null for an answer at the response_url.
   */
  answerCommand(command: { channelId: string; responseUrl: string }, text: string, blocks?: readonly unknown[]): Promise<Result<{ ts: string | null }>>;
}

/** What Slack answers at a response_url used five times or older than 30 minutes. */
const spentResponseUrl = new Set(["SLACK_EXPIRED_URL", "SLACK_USED_URL"]);

const SlackOk = z.object({ ok: z.literal(true), channel: z.string(), ts: z.string() });
const SlackError = z.object({ ok: z.literal(false), error: z.string() });

const rateLimited = new Set(["ratelimited", "rate_limited"]);
const unavailable = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

const slack: Provider = { name: "SLACK", readError };

// response_url is Slack's own host; the configured API origin is accepted too, so local stand-ins work.
const responseUrlOrigins = ["https://hooks.slack.com"];

export function slackClient(config: SlackConfig, transport: Transport): SlackClient {
  const headers = {
    authorization: `Bearer ${config.botToken}`,
    "content-type": "application/json; charset=utf-8",
  };
  const client: SlackClient = {
    async postMessage({ channel, text, threadTs, blocks }) {
      const sent = await send(transport, slack, {
        url: joinUrl(config.apiUrl, "chat.postMessage"),
        method: "POST",
        headers,
        body: JSON.stringify({ channel, text, ...(threadTs === undefined ? {} : { thread_ts: threadTs }), ...(blocks === undefined ? {} : { blocks }) }),
      });
      if (!sent.ok) return sent;
      const failed = okFalse(sent.answer, transport.now());
      if (failed !== undefined) return failed;
      return readAnswer(slack, SlackOk, sent.answer);
    },

    async respond(responseUrl, text, blocks) {
      if (!allowedResponseUrl(responseUrl, config.apiUrl)) {
        return finalFailure("REPLY_TARGET_INVALID", "the slash command's response_url is not a Slack URL");
      }
      const sent = await send(transport, slack, {
        url: responseUrl,
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify({ response_type: "in_channel", text, ...(blocks === undefined ? {} : { blocks }) }),
      });
      if (!sent.ok) return sent;
      return okFalse(sent.answer, transport.now()) ?? { ok: true, value: null };
    },

    async answerCommand({ channelId, responseUrl }, text, blocks) {
      const answered = await client.respond(responseUrl, text, blocks);
      if (answered.ok) return { ok: true, value: { ts: null } };
      if (!spentResponseUrl.has(answered.code)) return answered;
      const posted = await client.postMessage({ channel: channelId, text, blocks });
      return posted.ok ? { ok: true, value: { ts: posted.value.ts } } : posted;
    },
  };
  return client;
}

function okFalse(answer: Answer, now: number): Result<never> | undefined {
  const error = SlackError.safeParse(answer.body);
  if (!error.success) return undefined;
  return providerFailure(slack, classify(error.data.error), parseRetryAfter(answer.headers.get("retry-after"), now), answer.status);
}

function readError(answer: Answer): ProviderError {
  const error = SlackError.safeParse(answer.body);
  if (error.success) return classify(error.data.error);
  // response_url answers errors as bare text, e.g. `expired_url`.
  if (typeof answer.body === "string" && /^[a-z_]{1,64}$/.test(answer.body.trim())) return classify(answer.body.trim());
  return { code: `HTTP_${answer.status}` };
}

function classify(code: string): ProviderError {
  if (rateLimited.has(code)) return { code, kind: "rate_limited" };
  if (unavailable.has(code)) return { code, kind: "unavailable" };
  return { code };
}

function allowedResponseUrl(responseUrl: string, apiUrl: string): boolean {
  if (!URL.canParse(responseUrl)) return false;
  const origin = new URL(responseUrl).origin;
  return responseUrlOrigins.includes(origin) || origin === new URL(apiUrl).origin;
}
