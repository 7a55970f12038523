import { describe, expect, it } from "vitest";
import { ENV, testApp } from "./support/app.ts";
import { vectors } from "./support/vectors.ts";

describe("GET /webhooks/whatsapp: the Meta verification handshake", () => {
  const { app } = testApp();
  const h = vectors.metaVerifyHandshake;

  it("answers the published handshake with the challenge as text/plain 200", async () => {
    const res = await app.request(`/webhooks/whatsapp?${h.query}`, { method: "GET" }, { ...ENV, META_VERIFY_TOKEN: h.verifyToken });
    expect(res.status).toBe(h.expectedStatus);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(h.expectedBody);
  });

  it("answers 403 for a wrong token, a wrong mode or a missing challenge", async () => {
    const env = { ...ENV, META_VERIFY_TOKEN: h.verifyToken };
    for (const query of [
      "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhoc",
      "hub.mode=subscribe&hub.challenge=1158201444",
      "hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock",
      "hub.mode=subscribe&hub.verify_token=meatyhamhock",
    ]) {
      const res = await app.request(`/webhooks/whatsapp?${query}`, { method: "GET" }, env);
      expect(res.status, query).toBe(403);
      expect(await res.text()).not.toContain("1158201444");
    }
  });
});
