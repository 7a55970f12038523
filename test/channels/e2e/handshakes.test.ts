import { describe, expect, it } from "vitest";
import { exports } from "cloudflare:workers";
import { testSecrets } from "../../support/test-secrets.ts";
import { count, post, slackEvent } from "./support.ts";

describe("provider handshakes through the whole Worker", () => {
  it("answers Slack's url_verification challenge once the signature holds, and records nothing", async () => {
    const challenge = { token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" };
    const res = await post("/webhooks/slack", await slackEvent(challenge));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: challenge.challenge });

    const unsigned = await post("/webhooks/slack", { method: "POST", body: JSON.stringify(challenge), headers: { "content-type": "application/json" } });
    expect(unsigned.status).toBe(401);
    expect(await count("SELECT count(*) AS n FROM webhook_deliveries")).toBe(0);
  });

  it("answers Meta's subscription handshake with the challenge as text/plain, and 403 for a wrong token", async () => {
    const query = (token: string) => new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "1158201444" });
    const ok = await exports.default.fetch(`http://cp.test/webhooks/whatsapp?${query(testSecrets.META_VERIFY_TOKEN)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/plain");
    expect(await ok.text()).toBe("1158201444");

    const wrong = await exports.default.fetch(`http://cp.test/webhooks/whatsapp?${query("not-the-token")}`);
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get("content-type")).toBe("application/problem+json");
  });
});
