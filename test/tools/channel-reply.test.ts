import { describe, expect, it } from "vitest";
import type { ReplyTarget } from "../../contracts/intent.ts";
import { json, type Responder } from "./support/fake-fetch.ts";
import { only, runTool } from "./support/run.ts";

const reply = (replyTo: ReplyTarget, respond: Responder) => runTool("channel.reply", { text: "done" }, respond, { replyTo });

describe("channel.reply answers where the intent came from", () => {
  it("Slack: chat.postMessage in the thread", async () => {
    const { outcome, requests } = await reply({ kind: "slack", teamId: "T1", channelId: "C0123", threadTs: "1700000000.000100" }, () =>
      json({ ok: true, channel: "C0123", ts: "1700000000.000300" }),
    );
    const request = only(requests);
    expect(request.url).toBe("http://slack.test/api/chat.postMessage");
    expect(request.headers.get("authorization")).toBe("Bearer xoxb-test");
    expect(JSON.parse(request.body)).toEqual({ channel: "C0123", text: "done", thread_ts: "1700000000.000100" });
    expect(outcome).toEqual({ ok: true, output: { channel: "slack", messageId: "1700000000.000300" } });
  });

  it("Slack slash command: the response_url, without the bot token", async () => {
    const responseUrl = "http://slack.test/commands/T1/42/secret";
    const { outcome, requests, context } = await reply({ kind: "slack", teamId: "T1", channelId: "C0123", responseUrl }, () => new Response("ok"));
    const request = only(requests);
    expect(request.url).toBe(responseUrl);
    expect(request.method).toBe("POST");
    expect(request.headers.get("authorization")).toBeNull();
    expect(JSON.parse(request.body)).toEqual({ response_type: "in_channel", text: "done" });
    expect(outcome).toEqual({ ok: true, output: { channel: "slack", messageId: context.idempotencyKey } });
  });

  it.each(["used_url", "expired_url"])("Slack slash command: a response_url Slack answers %s for is followed by a post in the command's channel", async (spent) => {
    const responseUrl = "http://slack.test/commands/T1/42/secret";
    const { outcome, requests } = await reply({ kind: "slack", teamId: "T1", channelId: "C0123", responseUrl }, (request) =>
      request.url === responseUrl ? new Response(spent, { status: 404 }) : json({ ok: true, channel: "C0123", ts: "1700000000.000400" }),
    );
    expect(requests.map((r) => r.url)).toEqual([responseUrl, "http://slack.test/api/chat.postMessage"]);
    expect(JSON.parse(requests[1]?.body ?? "null")).toEqual({ channel: "C0123", text: "done" });
    expect(outcome).toEqual({ ok: true, output: { channel: "slack", messageId: "1700000000.000400" } });
  });

  it("Slack slash command: any other failure at the response_url is the outcome, with no second post", async () => {
    const responseUrl = "http://slack.test/commands/T1/42/secret";
    const { outcome, requests } = await reply({ kind: "slack", teamId: "T1", channelId: "C0123", responseUrl }, () => new Response("invalid_blocks", { status: 400 }));
    expect(requests).toHaveLength(1);
    expect(outcome).toMatchObject({ ok: false, code: "SLACK_INVALID_BLOCKS" });
  });

  it("Slack slash command: a response_url off Slack's hosts is refused without a request", async () => {
    const { outcome, requests } = await reply(
      { kind: "slack", teamId: "T1", channelId: "C0123", responseUrl: "http://169.254.169.254/latest/meta-data" },
      () => new Response("ok"),
    );
    expect(requests).toHaveLength(0);
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: "REPLY_TARGET_INVALID" });
  });

  it("GitHub: a comment on the issue or pull request", async () => {
    const { outcome, requests } = await reply({ kind: "github", owner: "acme", repo: "widgets", issueNumber: 12 }, () =>
      json({ id: 501, html_url: "https://github.com/acme/widgets/pull/12#issuecomment-501" }, 201),
    );
    const request = only(requests);
    expect(request.url).toBe("http://github.test/repos/acme/widgets/issues/12/comments");
    expect(request.headers.get("authorization")).toBe("Bearer ghp_test");
    expect(JSON.parse(request.body)).toEqual({ body: "done" });
    expect(outcome).toEqual({ ok: true, output: { channel: "github", messageId: "501" } });
  });

  it("GitHub: path parts from the reply target are encoded, never spliced", async () => {
    const { requests } = await reply({ kind: "github", owner: "../../admin", repo: "x?y", issueNumber: 1 }, () =>
      json({ id: 1, html_url: "https://github.com/a/b/issues/1#issuecomment-1" }, 201),
    );
    expect(only(requests).url).toBe("http://github.test/repos/..%2F..%2Fadmin/x%3Fy/issues/1/comments");
  });

  it("WhatsApp via Meta: Graph /{version}/{phone-number-id}/messages from the number the message came to", async () => {
    const { outcome, requests, context } = await reply({ kind: "whatsapp_meta", phoneNumberId: "2222", to: "4915112345678" }, () =>
      json({ messaging_product: "whatsapp", contacts: [{ input: "4915112345678", wa_id: "4915112345678" }], messages: [{ id: "wamid.ABC" }] }),
    );
    const request = only(requests);
    expect(request.url).toBe("http://graph.test/v21.0/2222/messages");
    expect(request.headers.get("authorization")).toBe("Bearer meta-token");
    expect(JSON.parse(request.body)).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "4915112345678",
      type: "text",
      text: { preview_url: false, body: "done" },
      biz_opaque_callback_data: context.idempotencyKey,
    });
    expect(outcome).toEqual({ ok: true, output: { channel: "whatsapp_meta", messageId: "wamid.ABC" } });
  });

  it("WhatsApp via Twilio: Messages.json, form-encoded, basic auth, idempotency token", async () => {
    const { outcome, requests, context } = await reply(
      { kind: "whatsapp_twilio", from: "whatsapp:+14155238886", to: "whatsapp:+4915112345678" },
      () => json({ sid: "SM123", status: "queued" }, 201),
    );
    const request = only(requests);
    expect(request.url).toBe("http://twilio.test/2010-04-01/Accounts/AC123/Messages.json");
    expect(request.method).toBe("POST");
    expect(request.headers.get("authorization")).toBe(`Basic ${btoa("AC123:twilio-token")}`);
    expect(request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(request.headers.get("i-twilio-idempotency-token")).toBe(context.idempotencyKey);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      To: "whatsapp:+4915112345678",
      From: "whatsapp:+14155238886",
      Body: "done",
    });
    expect(outcome).toEqual({ ok: true, output: { channel: "whatsapp_twilio", messageId: "SM123" } });
  });

  it("an intent from no channel cannot be answered", async () => {
    const { outcome, requests } = await reply({ kind: "none" }, () => new Response("ok"));
    expect(requests).toHaveLength(0);
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: "NO_REPLY_TARGET" });
  });

  it("a reply to a provider that is not configured fails before any request", async () => {
    const { outcome, requests } = await runTool("channel.reply", { text: "done" }, () => new Response("ok"), {
      replyTo: { kind: "github", owner: "acme", repo: "widgets", issueNumber: 1 },
      config: { github: undefined },
    });
    expect(requests).toHaveLength(0);
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: "NOT_CONFIGURED" });
  });
});
