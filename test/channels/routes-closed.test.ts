import { describe, expect, it } from "vitest";
import { ENV, testApp } from "./support/app.ts";
import { githubRequest, metaRequest, slackJson, twilioFormRequest } from "./support/requests.ts";
import { githubPing, metaBatch, slackMention, twilioInbound } from "./support/payloads.ts";

describe("a provider whose secret is not configured is closed", () => {
  const { app } = testApp();

  it("answers 404 on every route when nothing is configured, even to correctly signed requests", async () => {
    const requests: [string, RequestInit][] = [
      ["/webhooks/slack", await slackJson(slackMention())],
      ["/webhooks/github", await githubRequest("ping", githubPing)],
      ["/webhooks/whatsapp", await metaRequest(metaBatch([]))],
      ["/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1", { method: "GET" }],
      ["/webhooks/twilio", await twilioFormRequest(twilioInbound())],
    ];
    for (const [path, init] of requests) {
      expect((await app.request(path, init, {})).status, path).toBe(404);
    }
  });

  it("treats an empty secret as absent", async () => {
    const res = await app.request("/webhooks/slack", await slackJson(slackMention()), { ...ENV, SLACK_SIGNING_SECRET: "" });
    expect(res.status).toBe(404);
  });

  it("keeps Twilio closed without the public URL it signs, even with the auth token", async () => {
    const res = await app.request("/webhooks/twilio", await twilioFormRequest(twilioInbound()), { TWILIO_AUTH_TOKEN: ENV.TWILIO_AUTH_TOKEN });
    expect(res.status).toBe(404);
  });

  it("closes the Meta handshake and the Meta deliveries independently", async () => {
    const handshake = "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=meta-verify-token&hub.challenge=1";
    expect((await app.request(handshake, { method: "GET" }, { META_APP_SECRET: ENV.META_APP_SECRET })).status).toBe(404);
    const post = await app.request("/webhooks/whatsapp", await metaRequest(metaBatch([])), { META_VERIFY_TOKEN: ENV.META_VERIFY_TOKEN });
    expect(post.status).toBe(404);
  });
});
