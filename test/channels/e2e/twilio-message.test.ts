import { beforeEach, describe, expect, it } from "vitest";
import { standin } from "../../support/standin.ts";
import { testSecrets } from "../../support/test-secrets.ts";
import { twilioInbound } from "../support/payloads.ts";
import { drive, executionOf, post, twilioSigned } from "./support.ts";

describe("a Twilio inbound WhatsApp message through the whole Worker", () => {
  beforeEach(() => standin.reset());

  it("acknowledges with TwiML, then answers through the Messages API the way the message came", async () => {
    const res = await post("/webhooks/twilio", await twilioSigned(twilioInbound({ Body: "reply on my way" })));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml");
    expect(await res.text()).toBe("<Response/>");

    await drive();

    expect(await executionOf("SM1f0e8ae6ade43cb3c0ce4525424e404f")).toMatchObject({ status: "succeeded" });
    const sent = await standin.requests();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: "POST", host: "twilio.standin", path: `/2010-04-01/Accounts/${testSecrets.TWILIO_ACCOUNT_SID}/Messages.json` });
    const form = new URLSearchParams(sent[0]?.body ?? "");
    expect(form.get("From")).toBe("whatsapp:+14155238886");
    expect(form.get("To")).toBe("whatsapp:+16505551234");
    expect(form.get("Body")).toBe("on my way");
    expect(sent[0]?.headers.authorization).toBe(`Basic ${btoa(`${testSecrets.TWILIO_ACCOUNT_SID}:${testSecrets.TWILIO_AUTH_TOKEN}`)}`);
  });
});
