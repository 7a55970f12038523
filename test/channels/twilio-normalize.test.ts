import { describe, expect, it } from "vitest";
import { Intent } from "../../contracts/intent.ts";
import { normalizeTwilio } from "../../workers/channels/twilio-normalize.ts";
import { twilioInbound, twilioStatusCallback } from "./support/payloads.ts";
import { FORM, JSON_TYPE, RECEIVED_AT, recordingResolver, verifiedDelivery } from "./support/raw.ts";

async function normalize(params: Record<string, string>, headers: Record<string, string> = {}, tenant: string | null = "acme") {
  const resolver = recordingResolver(tenant);
  const raw = await verifiedDelivery(new URLSearchParams(params).toString(), { ...FORM, ...headers });
  const result = await normalizeTwilio(raw, resolver.resolve, "form");
  if (result.kind !== "delivery") throw new Error("expected a delivery");
  return { delivery: result.delivery, asked: resolver.asked, raw };
}

describe("normalizeTwilio", () => {
  it("turns an inbound WhatsApp message into a whatsapp_twilio intent bound to our number", async () => {
    const { delivery, asked, raw } = await normalize(twilioInbound());
    const sid = "SM1f0e8ae6ade43cb3c0ce4525424e404f";
    expect(delivery).toMatchObject({ provider: "twilio", deliveryId: sid, retry: false });
    expect(asked).toEqual([{ provider: "twilio", number: "+14155238886", accountSid: "AC00000000000000000000000000000000" }]);
    const [item] = delivery.items;
    if (item?.kind !== "intent") throw new Error("expected an intent");
    expect(Intent.parse(item.intent)).toEqual({
      tenantId: "acme",
      actor: { type: "human", id: "whatsapp:+16505551234" },
      channel: "whatsapp_twilio",
      replyTo: { kind: "whatsapp_twilio", from: "whatsapp:+14155238886", to: "whatsapp:+16505551234" },
      text: "reply on my way",
      receivedAt: RECEIVED_AT,
      source: { provider: "twilio", deliveryId: sid, payloadDigest: raw.payloadDigest },
    });
  });

  it("adds the unsigned I-Twilio-Idempotency-Token to the delivery id under the signed message sid, which stays the item id", async () => {
    const { delivery } = await normalize(twilioInbound(), { "i-twilio-idempotency-token": "tok-1" });
    expect(delivery.deliveryId).toBe("SM1f0e8ae6ade43cb3c0ce4525424e404f@tok-1");
    expect(delivery.items[0]?.itemId).toBe("SM1f0e8ae6ade43cb3c0ce4525424e404f");
  });

  it("reads a status callback, keyed by sid and status", async () => {
    const { delivery } = await normalize({ ...twilioStatusCallback("undelivered"), ErrorCode: "63016" });
    expect(delivery.deliveryId).toBe("SM5f7e5c1fa3e3d7f1a2b3c4d5e6f70812:undelivered");
    expect(delivery.items).toEqual([
      {
        kind: "status",
        itemId: "SM5f7e5c1fa3e3d7f1a2b3c4d5e6f70812:undelivered",
        status: {
          provider: "twilio",
          messageId: "SM5f7e5c1fa3e3d7f1a2b3c4d5e6f70812",
          status: "undelivered",
          binding: { provider: "twilio", number: "+14155238886", accountSid: "AC00000000000000000000000000000000" },
          recipient: "whatsapp:+16505551234",
          errorCode: "63016",
        },
      },
    ]);
  });

  it("records SMS (no whatsapp: prefix) as refused until the Intent contract has an SMS channel", async () => {
    const { delivery } = await normalize(twilioInbound({ From: "+16505551234", To: "+14155238886" }));
    expect(delivery.items).toMatchObject([{ kind: "invalid", reason: "unsupported_channel", actor: { id: "sms:+16505551234" } }]);
  });

  it("records messages to a number no tenant owns as unbound", async () => {
    const { delivery } = await normalize(twilioInbound(), {}, null);
    expect(delivery.items).toMatchObject([{ kind: "unbound", binding: { provider: "twilio", number: "+14155238886" } }]);
  });

  it("reports a form without MessageSid as malformed and ignores JSON bodies it does not know", async () => {
    const resolver = recordingResolver();
    const noSid = await verifiedDelivery("From=whatsapp%3A%2B1&To=whatsapp%3A%2B2&Body=hi", FORM);
    expect(await normalizeTwilio(noSid, resolver.resolve, "form")).toEqual({ kind: "malformed" });
    const json = await normalizeTwilio(await verifiedDelivery('{"a":1}', JSON_TYPE), resolver.resolve, "json");
    expect(json.kind === "delivery" && json.delivery.items).toMatchObject([{ kind: "ignored", reason: "unsupported_event" }]);
  });
});
