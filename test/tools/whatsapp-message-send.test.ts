import { describe, expect, it } from "vitest";
import { testConfig } from "./support/config.ts";
import { json } from "./support/fake-fetch.ts";
import { only, runTool } from "./support/run.ts";

const input = { to: "+4915112345678", text: "Your order shipped" };

describe("whatsapp.message.send", () => {
  it("goes through Meta by default, from the configured phone number id", async () => {
    const { outcome, requests, context } = await runTool("whatsapp.message.send", input, () =>
      json({ messaging_product: "whatsapp", messages: [{ id: "wamid.XYZ" }] }),
    );
    const request = only(requests);
    expect(request.url).toBe("http://graph.test/v21.0/1111/messages");
    expect(request.method).toBe("POST");
    expect(request.headers.get("authorization")).toBe("Bearer meta-token");
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(request.body)).toMatchObject({
      messaging_product: "whatsapp",
      to: "+4915112345678",
      type: "text",
      text: { body: "Your order shipped" },
      biz_opaque_callback_data: context.idempotencyKey,
    });
    expect(outcome).toEqual({ ok: true, output: { messageId: "wamid.XYZ" } });
  });

  it("goes through Twilio when configured, as whatsapp: addresses with the idempotency token", async () => {
    const { outcome, requests, context } = await runTool("whatsapp.message.send", input, () => json({ sid: "SM9", status: "queued" }, 201), {
      config: { whatsappProvider: "twilio" },
    });
    const request = only(requests);
    expect(request.url).toBe("http://twilio.test/2010-04-01/Accounts/AC123/Messages.json");
    expect(request.headers.get("authorization")).toBe(`Basic ${btoa("AC123:twilio-token")}`);
    expect(request.headers.get("i-twilio-idempotency-token")).toBe(context.idempotencyKey);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      To: "whatsapp:+4915112345678",
      From: "whatsapp:+14155238886",
      Body: "Your order shipped",
    });
    expect(outcome).toEqual({ ok: true, output: { messageId: "SM9" } });
  });

  it("Meta's throttling codes are retryable even when answered as 400", async () => {
    const { outcome } = await runTool("whatsapp.message.send", input, () => json({ error: { message: "Rate limit hit", code: 130429 } }, 400));
    expect(outcome).toMatchObject({ ok: false, retryable: true, code: "RATE_LIMITED" });
  });

  it("Twilio's 20429 is retryable", async () => {
    const { outcome } = await runTool("whatsapp.message.send", input, () => json({ code: 20429, message: "Too Many Requests" }, 429), {
      config: { whatsappProvider: "twilio" },
    });
    expect(outcome).toMatchObject({ ok: false, retryable: true, code: "RATE_LIMITED" });
  });

  it("without a sender configured it fails before any request", async () => {
    const base = testConfig();
    const noMetaSender = await runTool("whatsapp.message.send", input, () => json({}), {
      config: { meta: { graphUrl: "http://graph.test", graphVersion: "v21.0", accessToken: "t" } },
    });
    expect(noMetaSender.requests).toHaveLength(0);
    expect(noMetaSender.outcome).toMatchObject({ ok: false, retryable: false, code: "NOT_CONFIGURED" });
    const noTwilio = await runTool("whatsapp.message.send", input, () => json({}), {
      config: { whatsappProvider: "twilio", twilio: undefined, meta: base.meta },
    });
    expect(noTwilio.requests).toHaveLength(0);
    expect(noTwilio.outcome).toMatchObject({ ok: false, retryable: false, code: "NOT_CONFIGURED" });
  });
});
