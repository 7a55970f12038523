import type { ReplyTarget } from "../../../contracts/intent.ts";
import type { ProviderConfig } from "../../../runtime/tools/config.ts";
import { json } from "./fake-fetch.ts";

/** One way to call each tool against each provider it can reach, with that provider's own 4xx answer. */
export interface ToolCase {
  name: string;
  tool: string;
  input: Record<string, unknown>;
  replyTo?: ReplyTarget;
  config?: Partial<ProviderConfig>;
  clientError: () => Response;
  clientErrorCode: string;
}

const issue = { owner: "acme", repo: "widgets", number: 7 };

export const toolCases: ToolCase[] = [
  {
    name: "slack.message.post",
    tool: "slack.message.post",
    input: { channel: "C0123", text: "hi" },
    clientError: () => json({ ok: false, error: "invalid_arguments" }, 400),
    clientErrorCode: "SLACK_INVALID_ARGUMENTS",
  },
  {
    name: "channel.reply → Slack thread",
    tool: "channel.reply",
    input: { text: "hi" },
    replyTo: { kind: "slack", teamId: "T1", channelId: "C0123", threadTs: "1700000000.000100" },
    clientError: () => json({ ok: false, error: "not_in_channel" }, 403),
    clientErrorCode: "SLACK_NOT_IN_CHANNEL",
  },
  {
    name: "channel.reply → Slack response_url",
    tool: "channel.reply",
    input: { text: "hi" },
    replyTo: { kind: "slack", teamId: "T1", channelId: "C0123", responseUrl: "http://slack.test/commands/T1/42/secret" },
    clientError: () => new Response("expired_url", { status: 404 }),
    clientErrorCode: "SLACK_EXPIRED_URL",
  },
  {
    name: "github.issue.comment",
    tool: "github.issue.comment",
    input: { ...issue, body: "hi" },
    clientError: () => json({ message: "Not Found", documentation_url: "https://docs.github.com" }, 404),
    clientErrorCode: "GITHUB_HTTP_404",
  },
  {
    name: "github.issue.label",
    tool: "github.issue.label",
    input: { ...issue, labels: ["bug"] },
    clientError: () => json({ message: "Validation Failed", errors: [{ code: "invalid" }] }, 422),
    clientErrorCode: "GITHUB_HTTP_422",
  },
  {
    name: "github.issue.close",
    tool: "github.issue.close",
    input: issue,
    clientError: () => json({ message: "Must have admin rights to Repository." }, 403),
    clientErrorCode: "GITHUB_HTTP_403",
  },
  {
    name: "channel.reply → GitHub issue",
    tool: "channel.reply",
    input: { text: "hi" },
    replyTo: { kind: "github", owner: "acme", repo: "widgets", issueNumber: 7 },
    clientError: () => json({ message: "Issue is locked" }, 410),
    clientErrorCode: "GITHUB_HTTP_410",
  },
  {
    name: "whatsapp.message.send → Meta",
    tool: "whatsapp.message.send",
    input: { to: "+4915112345678", text: "hi" },
    clientError: () => json({ error: { message: "Recipient phone number not in allowed list", type: "OAuthException", code: 131030 } }, 400),
    clientErrorCode: "META_131030",
  },
  {
    name: "whatsapp.message.send → Twilio",
    tool: "whatsapp.message.send",
    input: { to: "+4915112345678", text: "hi" },
    config: { whatsappProvider: "twilio" },
    clientError: () => json({ code: 21211, message: "Invalid 'To' Phone Number", status: 400 }, 400),
    clientErrorCode: "TWILIO_21211",
  },
  {
    name: "channel.reply → WhatsApp via Meta",
    tool: "channel.reply",
    input: { text: "hi" },
    replyTo: { kind: "whatsapp_meta", phoneNumberId: "2222", to: "4915112345678" },
    clientError: () => json({ error: { message: "Invalid parameter", type: "OAuthException", code: 100 } }, 400),
    clientErrorCode: "META_100",
  },
  {
    name: "channel.reply → WhatsApp via Twilio",
    tool: "channel.reply",
    input: { text: "hi" },
    replyTo: { kind: "whatsapp_twilio", from: "whatsapp:+14155238886", to: "whatsapp:+4915112345678" },
    clientError: () => json({ code: 63016, message: "Outside the allowed window" }, 400),
    clientErrorCode: "TWILIO_63016",
  },
  {
    name: "http.request",
    tool: "http.request",
    input: { method: "POST", url: "https://api.example.com/hooks", body: "{}" },
    clientError: () => new Response("nope", { status: 404 }),
    clientErrorCode: "HTTP_404",
  },
];
