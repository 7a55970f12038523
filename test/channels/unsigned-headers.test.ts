import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeGitHub } from "../../workers/channels/github-normalize.ts";
import { normalizeMeta } from "../../workers/channels/meta-normalize.ts";
import type { NormalizedDelivery } from "../../workers/channels/sink.ts";
import { normalizeSlack } from "../../workers/channels/slack-normalize.ts";
import { normalizeTwilio } from "../../workers/channels/twilio-normalize.ts";
import { utf8 } from "../../workers/channels/bytes.ts";
import { ENV, MemorySink, testApp } from "./support/app.ts";
import { githubIssueComment, githubReviewComment, metaBatch, metaMessage, slackCommandForm, slackMention, twilioInbound } from "./support/payloads.ts";
import { recordingResolver, verifiedDelivery } from "./support/raw.ts";
import { githubRequest, slackRequest } from "./support/requests.ts";
import { twilioJsonRequest } from "./support/sign.ts";

/** Event names GitHub sends, and a few it does not: any of them may be written on a replayed body. */
const GITHUB_EVENTS = [
  "issue_comment",
  "pull_request_review_comment",
  "pull_request_review",
  "pull_request",
  "issues",
  "commit_comment",
  "discussion_comment",
  "ping",
  "push",
  "installation",
];
const headerValue = fc.stringMatching(/^[\x21-\x7e]{1,40}$/);
const anyHeaders = fc.dictionary(fc.constantFrom("content-type", "user-agent", "x-github-event", "x-slack-retry-num", "i-twilio-idempotency-token", "x-forwarded-for"), headerValue);
const contentType = fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data");

const itemIds = (d: NormalizedDelivery) => d.items.map((i) => i.itemId);
const intentIds = (d: NormalizedDelivery) => d.items.flatMap((i) => (i.kind === "intent" ? [i.itemId] : []));

describe("item identity comes from the signed body alone: no unsigned header changes it", () => {
  const comments = [
    ["issue_comment", `${JSON.stringify(githubIssueComment("Please:\n/cp reply one\n/cp reply two"))}\n`],
    ["pull_request_review_comment", `${JSON.stringify(githubReviewComment("/cp reply on it"))}\n`],
  ] as const;

  it("GitHub: whatever event name, GUID, hook id or other header a comment is resent with, it carries the same items or is refused", async () => {
    for (const [event, body] of comments) {
      const base = { "x-github-event": event, "x-github-delivery": "g-0", "x-github-hook-id": "1" };
      const original = await normalizeGitHub(await verifiedDelivery(body, base), recordingResolver().resolve);
      if (original.kind !== "delivery") throw new Error("expected a delivery");
      expect(intentIds(original.delivery).length).toBeGreaterThan(0);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...GITHUB_EVENTS), headerValue, headerValue, anyHeaders, async (name, guid, hookId, extra) => {
          const headers = { ...extra, "x-github-event": name, "x-github-delivery": guid, "x-github-hook-id": hookId };
          const replay = await normalizeGitHub(await verifiedDelivery(body, headers), recordingResolver().resolve);
          if (replay.kind === "malformed") {
            expect(name).not.toBe(event);
            return;
          }
          expect(name).toBe(event);
          expect(itemIds(replay.delivery)).toEqual(itemIds(original.delivery));
        }),
      );
    }
  });

  it("GitHub: a comment resent under the other comment event's name, or any other, is refused as a mismatch", async () => {
    const body = `${JSON.stringify(githubIssueComment("/cp reply once"))}\n`;
    for (const event of ["pull_request_review_comment", "ping", "push", "commit_comment"]) {
      const raw = await verifiedDelivery(body, { "x-github-event": event, "x-github-delivery": "g", "x-github-hook-id": "1" });
      expect(await normalizeGitHub(raw, recordingResolver().resolve)).toEqual({ kind: "malformed", reason: "event_mismatch" });
    }
    const review = `${JSON.stringify(githubReviewComment("/cp reply once"))}\n`;
    const raw = await verifiedDelivery(review, { "x-github-event": "issue_comment", "x-github-delivery": "g", "x-github-hook-id": "1" });
    expect(await normalizeGitHub(raw, recordingResolver().resolve)).toEqual({ kind: "malformed", reason: "event_mismatch" });
  });

  it("Slack: the Content-Type and retry headers change no item, an event body is never read as a form", async () => {
    for (const body of [JSON.stringify(slackMention("<@U0BOT> reply hi")), slackCommandForm("reply hi")]) {
      const original = await normalizeSlack(await verifiedDelivery(body, {}), recordingResolver().resolve);
      if (original.kind !== "delivery") throw new Error("expected a delivery");
      await fc.assert(
        fc.asyncProperty(contentType, anyHeaders, async (type, extra) => {
          const replay = await normalizeSlack(await verifiedDelivery(body, { ...extra, "content-type": type }), recordingResolver().resolve);
          if (replay.kind !== "delivery") throw new Error("expected a delivery");
          expect(replay.delivery.deliveryId).toBe(original.delivery.deliveryId);
          expect(replay.delivery.items).toEqual(original.delivery.items);
        }),
      );
    }
  });

  it("Twilio: the Content-Type and idempotency token change no item, and the token only extends the signed delivery id", async () => {
    const body = new URLSearchParams(twilioInbound()).toString();
    const original = await normalizeTwilio(await verifiedDelivery(body, {}), recordingResolver().resolve, "form");
    if (original.kind !== "delivery") throw new Error("expected a delivery");
    await fc.assert(
      fc.asyncProperty(contentType, anyHeaders, async (type, extra) => {
        const replay = await normalizeTwilio(await verifiedDelivery(body, { ...extra, "content-type": type }), recordingResolver().resolve, "form");
        if (replay.kind !== "delivery") throw new Error("expected a delivery");
        expect(itemIds(replay.delivery)).toEqual(itemIds(original.delivery));
        expect(intentIds(replay.delivery)).toEqual(intentIds(original.delivery));
        expect(replay.delivery.deliveryId.startsWith(original.delivery.deliveryId)).toBe(true);
      }),
    );
  });

  it("Meta: no header changes any item or the delivery id", async () => {
    const body = JSON.stringify(metaBatch([[{ messages: [metaMessage("wamid.A", "15551230001", "reply hi")] }]]));
    const original = await normalizeMeta(await verifiedDelivery(body, {}), recordingResolver().resolve);
    if (original.kind !== "delivery") throw new Error("expected a delivery");
    await fc.assert(
      fc.asyncProperty(contentType, anyHeaders, async (type, extra) => {
        const replay = await normalizeMeta(await verifiedDelivery(body, { ...extra, "content-type": type }), recordingResolver().resolve);
        if (replay.kind !== "delivery") throw new Error("expected a delivery");
        expect(replay.delivery.deliveryId).toBe(original.delivery.deliveryId);
        expect(replay.delivery.items).toEqual(original.delivery.items);
      }),
    );
  });
});

describe("a signed body replayed with a misleading Content-Type is read as it was signed", () => {
  /** Fields a form parser would find inside the JSON (a link's raw URL in rich-text blocks keeps its `&`). */
  const smuggled = "&command=/cp&team_id=T0001&channel_id=C0GENERAL&user_id=U0ADMIN&text=close acme/widgets#1&trigger_id=forged.1&x=";

  it("Slack: an event whose text carries form fields does not become a slash command of another user", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const event = slackMention("<@U0BOT> reply see link");
    const body = JSON.stringify({ ...event, event: { ...event.event, blocks: [{ type: "rich_text", elements: [{ type: "link", url: `https://x.test/?${smuggled}` }] }] } });
    const res = await app.request("/webhooks/slack", await slackRequest(body, "application/x-www-form-urlencoded"), ENV);
    expect(res.status).toBe(200);
    const items = sink.deliveries.flatMap((d) => d.items);
    expect(items.some((i) => i.kind === "intent" && i.intent.actor.id.endsWith("U0ADMIN"))).toBe(false);
    expect(sink.deliveries[0]?.deliveryId).toBe(event.event_id);
  });

  it("Twilio: a JSON body signed by digest is never parsed as form parameters", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const fields = "&MessageSid=SMforged&AccountSid=AC1&From=whatsapp%3A%2B15550001111&To=whatsapp%3A%2B14155238886&Body=close%20acme%2Fwidgets%231&x=";
    const body = utf8(JSON.stringify({ type: "com.twilio.messaging.inbound-message.received", data: { body: fields } }));
    const { url, signature } = await twilioJsonRequest(ENV.TWILIO_AUTH_TOKEN, ENV.TWILIO_WEBHOOK_URL, body);
    const init = { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature } };
    const res = await app.request(`/webhooks/twilio${url.slice(url.indexOf("?"))}`, init, ENV);
    expect(res.status).toBe(200);
    expect(sink.deliveries[0]?.items).toMatchObject([{ kind: "ignored", reason: "unsupported_event" }]);
  });

  it("GitHub: a signed comment resent with another X-GitHub-Event is refused (400) and records nothing", async () => {
    const sink = new MemorySink();
    const { app, logs } = testApp(sink);
    const payload = githubIssueComment("/cp reply once");
    expect((await app.request("/webhooks/github", await githubRequest("issue_comment", payload, "d-1"), ENV)).status).toBe(202);
    expect((await app.request("/webhooks/github", await githubRequest("pull_request_review_comment", payload, "d-2"), ENV)).status).toBe(400);
    expect(sink.deliveries).toHaveLength(1);
    expect(logs).toContainEqual({ event: "webhook.malformed", provider: "github", reason: "event_mismatch" });
  });
});
