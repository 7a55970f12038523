import { describe, expect, it } from "vitest";
import { MAX_WEBHOOK_BYTES } from "../../runtime/http/body.ts";
import { ENV, MemorySink, testApp } from "./support/app.ts";

const CHUNK = 64 * 1024;

/** An endless body that counts how much of it was pulled. */
function endlessBody() {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x61));
    },
  });
  return { stream, state };
}

const ROUTES = ["/webhooks/slack", "/webhooks/github", "/webhooks/whatsapp", "/webhooks/twilio"];

describe("bodies over 1 MiB answer 413 without being read whole", () => {
  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const { app } = testApp();
    for (const path of ROUTES) {
      const { stream, state } = endlessBody();
      const init = { method: "POST", body: stream, headers: { "content-length": String(MAX_WEBHOOK_BYTES + 1) } };
      const res = await app.request(path, init, ENV);
      expect(res.status, path).toBe(413);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(state.pulled, path).toBeLessThanOrEqual(2 * CHUNK);
    }
  });

  it("stops reading a chunked body with no Content-Length at the limit", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    for (const path of ROUTES) {
      const { stream, state } = endlessBody();
      const res = await app.request(path, { method: "POST", body: stream }, ENV);
      expect(res.status, path).toBe(413);
      expect(state.pulled, path).toBeGreaterThan(MAX_WEBHOOK_BYTES);
      expect(state.pulled, path).toBeLessThanOrEqual(MAX_WEBHOOK_BYTES + 4 * CHUNK);
    }
    expect(sink.deliveries).toHaveLength(0);
  });

  it("reads a body of exactly 1 MiB (and then refuses its missing signature with 401)", async () => {
    const { app } = testApp();
    const res = await app.request("/webhooks/github", { method: "POST", body: new Uint8Array(MAX_WEBHOOK_BYTES) }, ENV);
    expect(res.status).toBe(401);
  });
});
