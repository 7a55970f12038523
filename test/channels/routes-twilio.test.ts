import { describe, expect, it } from "vitest";
import { utf8 } from "../../workers/channels/bytes.ts";
import { twilioSignedUrl } from "../../workers/channels/routes.ts";
import { ENV, MemorySink, testApp } from "./support/app.ts";
import { twilioInbound, twilioStatusCallback } from "./support/payloads.ts";
import { twilioFormRequest } from "./support/requests.ts";
import { twilioJsonRequest } from "./support/sign.ts";

describe("POST /webhooks/twilio", () => {
  it("verifies against the configured public URL, not the URL the Worker sees, and answers empty TwiML", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const res = await app.request("http://10.0.0.7:8787/webhooks/twilio", await twilioFormRequest(twilioInbound()), ENV);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml");
    expect(await res.text()).toBe("<Response/>");
    expect(sink.deliveries[0]?.items[0]?.kind).toBe("intent");
  });

  it("keeps I-Twilio-Idempotency-Token in the delivery id, under the signed message sid", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const init = await twilioFormRequest(twilioInbound(), { "i-twilio-idempotency-token": "8f1c-token" });
    await app.request("/webhooks/twilio", init, ENV);
    expect(sink.deliveries[0]?.deliveryId).toBe("SM1f0e8ae6ade43cb3c0ce4525424e404f@8f1c-token");
  });

  it("records status callbacks", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const res = await app.request("/webhooks/twilio", await twilioFormRequest(twilioStatusCallback("delivered")), ENV);
    expect(res.status).toBe(200);
    expect(sink.deliveries[0]?.deliveryId).toBe("SM5f7e5c1fa3e3d7f1a2b3c4d5e6f70812:delivered");
  });

  it("accepts a JSON body signed through bodySHA256 in the query string Twilio sent", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const body = utf8('{"specversion":"1.0","type":"com.twilio.messaging.message.delivered"}');
    const { url, signature } = await twilioJsonRequest(ENV.TWILIO_AUTH_TOKEN, ENV.TWILIO_WEBHOOK_URL, body);
    const query = url.slice(url.indexOf("?"));
    const init = { method: "POST", body, headers: { "content-type": "application/json", "x-twilio-signature": signature } };
    const res = await app.request(`/webhooks/twilio${query}`, init, ENV);
    expect(res.status).toBe(200);
    expect(sink.deliveries[0]?.items[0]).toMatchObject({ kind: "ignored", reason: "unsupported_event" });
  });

  it("builds the signed URL from the public URL and the request's own query", () => {
    expect(twilioSignedUrl("https://cp.example.com/webhooks/twilio", "http://internal/webhooks/twilio")).toBe("https://cp.example.com/webhooks/twilio");
    expect(twilioSignedUrl("https://cp.example.com/webhooks/twilio?old=1", "http://internal/webhooks/twilio?a=1&b=2")).toBe(
      "https://cp.example.com/webhooks/twilio?a=1&b=2",
    );
  });
});
