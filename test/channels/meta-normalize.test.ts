import { describe, expect, it } from "vitest";
import { Intent } from "../../contracts/intent.ts";
import { normalizeMeta } from "../../workers/channels/meta-normalize.ts";
import { metaBatch, metaMessage, metaStatus } from "./support/payloads.ts";
import { JSON_TYPE, RECEIVED_AT, recordingResolver, verifiedDelivery } from "./support/raw.ts";
import { vectors } from "./support/vectors.ts";

async function normalize(body: string, tenant: string | null = "acme") {
  const resolver = recordingResolver(tenant);
  const raw = await verifiedDelivery(body, JSON_TYPE);
  const result = await normalizeMeta(raw, resolver.resolve);
  if (result.kind !== "delivery") throw new Error("expected a delivery");
  return { delivery: result.delivery, asked: resolver.asked, raw };
}

describe("normalizeMeta", () => {
  it("reads the published (really Meta-signed) delivery into one intent keyed by its message id", async () => {
    const [v] = vectors.whatsappMeta;
    if (v === undefined) throw new Error("vector missing");
    const { delivery, asked, raw } = await normalize(v.body);
    const wamid = "wamid.HBgMOTcyNTQ0NDAxMjQzFQIAEhggM0RFQTNCMEEwRTY3QzUwODYzMDc4NjQ4QzM4ODAxM0YA";
    expect(delivery.deliveryId).toBe(wamid);
    expect(asked).toEqual([{ provider: "meta", phoneNumberId: "277321005464405" }]);
    const [item] = delivery.items;
    if (item?.kind !== "intent") throw new Error("expected an intent");
    expect(Intent.parse(item.intent)).toEqual({
      tenantId: "acme",
      actor: { type: "human", id: "whatsapp:+972544401243" },
      channel: "whatsapp_meta",
      replyTo: { kind: "whatsapp_meta", phoneNumberId: "277321005464405", to: "972544401243" },
      text: "Hey there! I am using PyWa.",
      receivedAt: RECEIVED_AT,
      source: { provider: "meta", deliveryId: wamid, payloadDigest: raw.payloadDigest },
    });
  });

  it("keys a lone status by message id and status", async () => {
    const failed = { ...metaStatus("wamid.OUT1", "failed"), errors: [{ code: 131047, title: "Re-engagement message" }] };
    const { delivery } = await normalize(JSON.stringify(metaBatch([[{ statuses: [failed] }]])));
    expect(delivery.deliveryId).toBe("wamid.OUT1:failed");
    expect(delivery.items).toEqual([
      {
        kind: "status",
        itemId: "wamid.OUT1:failed",
        status: {
          provider: "meta",
          messageId: "wamid.OUT1",
          status: "failed",
          binding: { provider: "meta", phoneNumberId: "106540352242922" },
          recipient: "16505551234",
          at: "2025-11-25T12:01:00.000Z",
          errorCode: "131047",
        },
      },
    ]);
  });

  it("reads every entry, change, message and status of a batch, and names the batch the same whatever its order", async () => {
    const a = metaMessage("wamid.A", "16505551234", "reply a");
    const b = metaMessage("wamid.B", "16505551234", "reply b");
    const s = metaStatus("wamid.OUT", "read");
    const one = await normalize(JSON.stringify(metaBatch([[{ messages: [a] }], [{ messages: [b], statuses: [s] }]])));
    const other = await normalize(JSON.stringify(metaBatch([[{ statuses: [s], messages: [b, a] }]])));
    expect(one.delivery.items.map((i) => i.itemId)).toEqual(["wamid.A", "wamid.B", "wamid.OUT:read"]);
    expect(one.delivery.deliveryId).toMatch(/^batch:[0-9a-f]{64}$/);
    expect(other.delivery.deliveryId).toBe(one.delivery.deliveryId);
  });

  it("ignores message types without text and notifications of other objects", async () => {
    const image = { from: "16505551234", id: "wamid.IMG", timestamp: "1764072000", type: "image", image: { id: "MEDIA", mime_type: "image/jpeg" } };
    const { delivery } = await normalize(JSON.stringify(metaBatch([[{ messages: [image] }]])));
    expect(delivery.items).toMatchObject([{ kind: "ignored", reason: "unsupported_message_type" }]);
    const page = await normalize(JSON.stringify({ object: "page", entry: [] }));
    expect(page.delivery.deliveryId).toBe(`payload:${page.raw.payloadDigest}`);
    expect(page.delivery.items).toMatchObject([{ kind: "ignored", reason: "unsupported_event" }]);
  });

  it("records messages to a phone number no tenant owns as unbound", async () => {
    const { delivery } = await normalize(JSON.stringify(metaBatch([[{ messages: [metaMessage("wamid.X", "1", "help")] }]])), null);
    expect(delivery.items).toMatchObject([{ kind: "unbound", binding: { provider: "meta", phoneNumberId: "106540352242922" } }]);
  });

  it("reports unreadable JSON as malformed", async () => {
    expect(await normalizeMeta(await verifiedDelivery("not json", JSON_TYPE), recordingResolver().resolve)).toEqual({ kind: "malformed" });
  });
});
