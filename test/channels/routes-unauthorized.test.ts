import { describe, expect, it } from "vitest";
import { utf8 } from "../../workers/channels/bytes.ts";
import { ENV, MemorySink, NOW_S, testApp } from "./support/app.ts";
import { githubPing, slackMention, twilioInbound } from "./support/payloads.ts";
import { githubRequest, metaRequest, slackJson, twilioFormRequest } from "./support/requests.ts";
import { hubSignature, slackSignature, twilioJsonRequest } from "./support/sign.ts";

function withHeaders(init: RequestInit, headers: Record<string, string | null>): RequestInit {
  const next = new Headers(init.headers);
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) next.delete(name);
    else next.set(name, value);
  }
  return { ...init, headers: next };
}

describe("every verification failure answers the same 401", () => {
  it("for each provider and each kind of failure, with no work handed on", async () => {
    const sink = new MemorySink();
    const { app, logs } = testApp(sink);
    const slack = await slackJson(slackMention());
    const body = JSON.stringify(slackMention());
    const github = await githubRequest("ping", githubPing);
    const meta = await metaRequest({ object: "whatsapp_business_account", entry: [] });
    const twilio = await twilioFormRequest(twilioInbound());
    const json = utf8('{"property":"value"}');
    const twilioJson = await twilioJsonRequest(ENV.TWILIO_AUTH_TOKEN, ENV.TWILIO_WEBHOOK_URL, json);

    const cases: [string, string, RequestInit][] = [
      ["slack missing signature", "/webhooks/slack", withHeaders(slack, { "x-slack-signature": null })],
      ["slack unknown version", "/webhooks/slack", withHeaders(slack, { "x-slack-signature": "v1=" + "0".repeat(64) })],
      ["slack bad signature", "/webhooks/slack", withHeaders(slack, { "x-slack-signature": "v0=" + "0".repeat(64) })],
      [
        "slack stale timestamp",
        "/webhooks/slack",
        withHeaders(slack, {
          "x-slack-request-timestamp": String(NOW_S - 301),
          "x-slack-signature": await slackSignature(ENV.SLACK_SIGNING_SECRET, String(NOW_S - 301), utf8(body)),
        }),
      ],
      ["slack appended body", "/webhooks/slack", { ...slack, body: `${body}------` }],
      ["github malformed header", "/webhooks/github", withHeaders(github, { "x-hub-signature-256": "sha1=abc" })],
      ["github wrong secret", "/webhooks/github", withHeaders(github, { "x-hub-signature-256": await hubSignature("other", utf8("{}")) })],
      ["meta missing header", "/webhooks/whatsapp", withHeaders(meta, { "x-hub-signature-256": null })],
      ["meta signed with the GitHub secret", "/webhooks/whatsapp", withHeaders(meta, { "x-hub-signature-256": await hubSignature(ENV.GITHUB_WEBHOOK_SECRET, utf8(String(meta.body))) })],
      ["twilio malformed signature", "/webhooks/twilio", withHeaders(twilio, { "x-twilio-signature": "not base64" })],
      ["twilio changed parameter", "/webhooks/twilio", { ...twilio, body: `${String(twilio.body)}&Extra=1` }],
      [
        "twilio JSON body digest mismatch",
        `/webhooks/twilio${twilioJson.url.slice(twilioJson.url.indexOf("?"))}`,
        { method: "POST", body: '{"property":"other"}', headers: { "content-type": "application/json", "x-twilio-signature": twilioJson.signature } },
      ],
    ];

    const bodies = new Set<string>();
    for (const [name, path, init] of cases) {
      const res = await app.request(path, init, ENV);
      expect(res.status, name).toBe(401);
      expect(res.headers.get("content-type"), name).toBe("application/problem+json");
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    const [only] = [...bodies];
    expect(JSON.parse(only ?? "{}")).toEqual({
      type: "about:blank",
      title: "Unauthorized",
      status: 401,
      code: "WEBHOOK_UNAUTHORIZED",
      detail: "The request could not be authenticated.",
    });
    expect(sink.deliveries).toHaveLength(0);

    const reasons = new Set(logs.filter((l) => l.event === "webhook.refused").map((l) => l.reason));
    expect(reasons).toEqual(
      new Set(["missing_header", "unsupported_version", "bad_signature", "stale_timestamp", "malformed_header", "body_digest_mismatch"]),
    );
  });
});
