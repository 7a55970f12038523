import { describe, expect, it } from "vitest";
import { utf8 } from "../../workers/channels/bytes.ts";
import { acceptedSecrets } from "../../workers/rotating-secret.ts";
import { ENV, MemorySink, NOW_S, testApp } from "./support/app.ts";
import { githubPing, slackMention, twilioInbound } from "./support/payloads.ts";
import { githubSignedWith, metaSignedWith } from "./support/requests.ts";
import { slackSignature, twilioSignature } from "./support/sign.ts";

const OLD = {
  SLACK_SIGNING_SECRET: "old-slack-signing-secret",
  GITHUB_WEBHOOK_SECRET: "old-github-webhook-secret",
  META_APP_SECRET: "old-meta-app-secret",
  META_VERIFY_TOKEN: "old-meta-verify-token",
  TWILIO_AUTH_TOKEN: "old-twilio-auth-token",
};
const PREVIOUS = {
  SLACK_SIGNING_SECRET_PREVIOUS: OLD.SLACK_SIGNING_SECRET,
  GITHUB_WEBHOOK_SECRET_PREVIOUS: OLD.GITHUB_WEBHOOK_SECRET,
  META_APP_SECRET_PREVIOUS: OLD.META_APP_SECRET,
  META_VERIFY_TOKEN_PREVIOUS: OLD.META_VERIFY_TOKEN,
  TWILIO_AUTH_TOKEN_PREVIOUS: OLD.TWILIO_AUTH_TOKEN,
};

/** One request per provider, signed with the given secrets (as a sender that has not switched yet signs). */
async function signedWith(secrets: typeof OLD): Promise<[string, string, RequestInit][]> {
  const slackBody = JSON.stringify(slackMention());
  const ts = String(NOW_S);
  const twilioParams = Object.entries(twilioInbound());
  return [
    [
      "slack",
      "/webhooks/slack",
      {
        method: "POST",
        body: slackBody,
        headers: { "content-type": "application/json", "x-slack-request-timestamp": ts, "x-slack-signature": await slackSignature(secrets.SLACK_SIGNING_SECRET, ts, utf8(slackBody)) },
      },
    ],
    ["github", "/webhooks/github", await githubSignedWith(secrets.GITHUB_WEBHOOK_SECRET, "ping", JSON.stringify(githubPing), "rotation-delivery-1")],
    ["meta", "/webhooks/whatsapp", await metaSignedWith(secrets.META_APP_SECRET, { object: "whatsapp_business_account", entry: [] })],
    [
      "twilio",
      "/webhooks/twilio",
      {
        method: "POST",
        body: new URLSearchParams(twilioParams).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": await twilioSignature(secrets.TWILIO_AUTH_TOKEN, ENV.TWILIO_WEBHOOK_URL, twilioParams) },
      },
    ],
  ];
}

const handshake = (token: string) => `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`;

describe("webhook secrets rotate without downtime: <NAME>_PREVIOUS is accepted next to the current value", () => {
  it("accepts deliveries signed with the previous secret while it is set", async () => {
    const { app } = testApp(new MemorySink());
    for (const [name, path, init] of await signedWith(OLD)) {
      const res = await app.request(path, init, { ...ENV, ...PREVIOUS });
      expect(res.status, name).toBeLessThan(300);
    }
    expect((await app.request(handshake(OLD.META_VERIFY_TOKEN), {}, { ...ENV, ...PREVIOUS })).status).toBe(200);
  });

  it("refuses the old secret once the previous value is removed (the rotation is over)", async () => {
    const { app } = testApp(new MemorySink());
    for (const [name, path, init] of await signedWith(OLD)) {
      expect((await app.request(path, init, ENV)).status, name).toBe(401);
    }
    expect((await app.request(handshake(OLD.META_VERIFY_TOKEN), {}, ENV)).status).toBe(403);
  });

  it("still refuses a secret that is neither current nor previous", async () => {
    const { app } = testApp(new MemorySink());
    const stranger = { SLACK_SIGNING_SECRET: "x-slack", GITHUB_WEBHOOK_SECRET: "x-github", META_APP_SECRET: "x-meta", META_VERIFY_TOKEN: "x-token", TWILIO_AUTH_TOKEN: "x-twilio" };
    for (const [name, path, init] of await signedWith(stranger)) {
      expect((await app.request(path, init, { ...ENV, ...PREVIOUS })).status, name).toBe(401);
    }
    expect((await app.request(handshake(stranger.META_VERIFY_TOKEN), {}, { ...ENV, ...PREVIOUS })).status).toBe(403);
  });

  it("a previous value alone does not open a route whose current secret is unset", async () => {
    const { app } = testApp(new MemorySink());
    const onlyPrevious = { ...PREVIOUS, TWILIO_WEBHOOK_URL: ENV.TWILIO_WEBHOOK_URL };
    for (const [name, path, init] of await signedWith(OLD)) {
      expect((await app.request(path, init, onlyPrevious)).status, name).toBe(404);
    }
    expect(acceptedSecrets("", "old")).toEqual([]);
    expect(acceptedSecrets("new", "")).toEqual(["new"]);
  });
});
