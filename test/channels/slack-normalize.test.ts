import { describe, expect, it } from "vitest";
import { Intent } from "../../contracts/intent.ts";
import type { NormalizedDelivery } from "../../workers/channels/sink.ts";
import { SLACK_APPROVAL_ACTIONS, slackApprovalValue } from "../../workers/channels/slack-approval.ts";
import { normalizeSlack, type SlackNormalized } from "../../workers/channels/slack-normalize.ts";
import { slackBlockActions, slackCommandForm, slackDirectMessage, slackMention } from "./support/payloads.ts";
import { FORM, JSON_TYPE, RECEIVED_AT, recordingResolver, verifiedDelivery } from "./support/raw.ts";
import { vectors } from "./support/vectors.ts";

function deliveryOf(result: SlackNormalized): NormalizedDelivery {
  if (result.kind !== "delivery") throw new Error(`expected a delivery, got ${result.kind}`);
  return result.delivery;
}

async function normalizeJson(payload: unknown, tenant: string | null = "acme", headers: Record<string, string> = {}) {
  return normalizeSlack(await verifiedDelivery(JSON.stringify(payload), { ...JSON_TYPE, ...headers }), recordingResolver(tenant).resolve);
}

async function normalizeForm(form: string, tenant: string | null = "acme") {
  return normalizeSlack(await verifiedDelivery(form, FORM), recordingResolver(tenant).resolve);
}

describe("normalizeSlack: Events API", () => {
  it("turns an app_mention into an intent without the leading mention", async () => {
    const raw = await verifiedDelivery(JSON.stringify(slackMention()), JSON_TYPE);
    const delivery = deliveryOf(await normalizeSlack(raw, recordingResolver().resolve));
    expect(delivery).toMatchObject({ provider: "slack", deliveryId: "Ev0MENTION", retry: false, payloadDigest: raw.payloadDigest, receivedAt: RECEIVED_AT });
    const [item] = delivery.items;
    if (item?.kind !== "intent") throw new Error(`expected an intent, got ${item?.kind}`);
    expect(Intent.parse(item.intent)).toEqual({
      tenantId: "acme",
      actor: { type: "human", id: "slack:T0001:U0HUMAN" },
      channel: "slack",
      replyTo: { kind: "slack", teamId: "T0001", channelId: "C0GENERAL", threadTs: "1764072000.000100" },
      text: "reply hello there",
      receivedAt: RECEIVED_AT,
      source: { provider: "slack", deliveryId: "Ev0MENTION", payloadDigest: raw.payloadDigest },
    });
    expect(item.itemId).toBe("Ev0MENTION");
  });

  it("reads a direct message, replying in its thread, and marks Slack retries", async () => {
    const delivery = deliveryOf(await normalizeJson(slackDirectMessage(), "acme", { "x-slack-retry-num": "2" }));
    expect(delivery.retry).toBe(true);
    const [item] = delivery.items;
    expect(item?.kind === "intent" && item.intent.text).toBe("label acme/widgets#12 bug");
    expect(item?.kind === "intent" && item.intent.replyTo).toEqual({ kind: "slack", teamId: "T0001", channelId: "D0DIRECT", threadTs: "1764071000.000100" });
  });

  it("ignores bot messages, message subtypes, channel chatter and other events", async () => {
    const cases: [unknown, string][] = [
      [slackDirectMessage({ bot_id: "B0BOT" }), "bot_message"],
      [slackDirectMessage({ subtype: "message_changed" }), "message_subtype"],
      [slackDirectMessage({ channel_type: "channel" }), "not_addressed"],
      [{ ...slackMention(), event: { type: "reaction_added", user: "U0HUMAN", reaction: "eyes" } }, "unsupported_event"],
      [{ type: "app_rate_limited", team_id: "T0001", minute_rate_limited: 1518467820 }, "unsupported_event"],
    ];
    for (const [payload, reason] of cases) {
      const delivery = deliveryOf(await normalizeJson(payload));
      expect(delivery.items.map((i) => (i.kind === "ignored" ? i.reason : i.kind))).toEqual([reason]);
    }
  });

  it("returns url_verification for the caller to answer", async () => {
    expect(await normalizeJson({ type: "url_verification", challenge: "abc", token: "t" })).toEqual({ kind: "url_verification", challenge: "abc" });
  });

  it("refuses text over the Intent limit as invalid rather than truncating it", async () => {
    const delivery = deliveryOf(await normalizeJson(slackMention(`<@U0BOT> reply ${"x".repeat(4001)}`)));
    expect(delivery.items[0]).toMatchObject({ kind: "invalid", reason: "text_too_long" });
  });

  it("reports malformed JSON and events without ids", async () => {
    expect(await normalizeSlack(await verifiedDelivery("{", JSON_TYPE), recordingResolver().resolve)).toEqual({ kind: "malformed" });
    expect(await normalizeJson({ type: "event_callback", team_id: "T0001", event: { type: "app_mention" } })).toEqual({ kind: "malformed" });
  });
});

describe("normalizeSlack: slash commands", () => {
  it("uses the trigger id as delivery id and keeps the response URL for the reply", async () => {
    const result = await normalizeForm(slackCommandForm("  close acme/widgets#7 "));
    expect(result.kind === "delivery" && result.surface).toBe("command");
    const delivery = deliveryOf(result);
    expect(delivery.deliveryId).toBe("13345224609.738474920.8088930838d88f008e0");
    const [item] = delivery.items;
    if (item?.kind !== "intent") throw new Error("expected an intent");
    expect(item.intent.text).toBe("close acme/widgets#7");
    expect(item.intent.replyTo).toEqual({
      kind: "slack",
      teamId: "T0001",
      channelId: "C0GENERAL",
      responseUrl: "https://hooks.slack.com/commands/T0001/1234/abcd",
    });
  });

  it("records the published vector's command from an unbound workspace as unbound", async () => {
    const [v] = vectors.slack;
    if (v === undefined) throw new Error("vector missing");
    const delivery = deliveryOf(await normalizeForm(v.body, null));
    expect(delivery.deliveryId).toBe("398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
    expect(delivery.items[0]).toMatchObject({
      kind: "unbound",
      binding: { provider: "slack", teamId: "T1DC2JH3J" },
      actor: { type: "human", id: "slack:T1DC2JH3J:U2CERLKJA" },
    });
  });

  it("treats ssl_check as ignorable", async () => {
    const delivery = deliveryOf(await normalizeForm("ssl_check=1&token=XXYYZZ"));
    expect(delivery.items).toMatchObject([{ kind: "ignored", reason: "ssl_check" }]);
  });
});

describe("normalizeSlack: interactivity", () => {
  const approve = { action_id: SLACK_APPROVAL_ACTIONS.approve, value: slackApprovalValue({ executionId: "ex_abc", stepId: "step-2" }) };
  const reject = { action_id: SLACK_APPROVAL_ACTIONS.reject, value: slackApprovalValue({ executionId: "ex_abc", stepId: "step-3" }) };

  it("reads approval buttons into typed decisions", async () => {
    const delivery = deliveryOf(await normalizeForm(slackBlockActions([approve, reject, { action_id: "overflow", value: "x" }])));
    expect(delivery.deliveryId).toBe("12466734323.1395872398.d7a8ab2b83a4a8b8e9c7");
    expect(delivery.items).toEqual([
      {
        kind: "approval",
        itemId: "12466734323.1395872398.d7a8ab2b83a4a8b8e9c7#0",
        tenantId: "acme",
        approval: { executionId: "ex_abc", stepId: "step-2", decision: "approve", approver: { type: "human", id: "slack:T0001:U0APPROVER" } },
        replyTo: {
          kind: "slack",
          teamId: "T0001",
          channelId: "C0GENERAL",
          threadTs: "1764072000.000100",
          responseUrl: "https://hooks.slack.com/actions/T0001/5678/efgh",
        },
      },
      expect.objectContaining({ kind: "approval", approval: expect.objectContaining({ stepId: "step-3", decision: "reject" }) }),
      { kind: "ignored", itemId: "12466734323.1395872398.d7a8ab2b83a4a8b8e9c7#2", reason: "not_an_approval" },
    ]);
  });

  it("does not accept an approval button whose value is not a step reference", async () => {
    const delivery = deliveryOf(await normalizeForm(slackBlockActions([{ action_id: SLACK_APPROVAL_ACTIONS.approve, value: "ex_abc" }])));
    expect(delivery.items).toMatchObject([{ kind: "ignored", reason: "not_an_approval" }]);
  });

  it("records approvals from an unbound workspace as unbound", async () => {
    const delivery = deliveryOf(await normalizeForm(slackBlockActions([approve]), null));
    expect(delivery.items).toMatchObject([{ kind: "unbound", binding: { provider: "slack", teamId: "T0001" } }]);
  });

  it("ignores other interaction types", async () => {
    const form = new URLSearchParams({ payload: JSON.stringify({ type: "view_submission", trigger_id: "1.2.3", team: { id: "T0001" } }) }).toString();
    const delivery = deliveryOf(await normalizeForm(form));
    expect(delivery).toMatchObject({ deliveryId: "1.2.3", items: [{ kind: "ignored", reason: "unsupported_event" }] });
  });
});
