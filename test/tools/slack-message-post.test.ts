import { describe, expect, it } from "vitest";
import { json } from "./support/fake-fetch.ts";
import { only, runTool } from "./support/run.ts";

const posted = () => json({ ok: true, channel: "C0123", ts: "1700000000.000200", message: { text: "hi" } });

describe("slack.message.post", () => {
  it("calls chat.postMessage under the configured base URL with the bot token", async () => {
    const { outcome, requests } = await runTool("slack.message.post", { channel: "C0123", text: "hello", threadTs: "1700000000.000100" }, posted);
    const request = only(requests);
    expect(request.url).toBe("http://slack.test/api/chat.postMessage");
    expect(request.method).toBe("POST");
    expect(request.redirect).toBe("manual");
    expect(request.headers.get("authorization")).toBe("Bearer xoxb-test");
    expect(request.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(JSON.parse(request.body)).toEqual({ channel: "C0123", text: "hello", thread_ts: "1700000000.000100" });
    expect(outcome).toEqual({ ok: true, output: { channel: "C0123", ts: "1700000000.000200" } });
  });

  it("leaves thread_ts out when posting to the channel itself", async () => {
    const { requests } = await runTool("slack.message.post", { channel: "#general", text: "hello" }, posted);
    expect(JSON.parse(only(requests).body)).toEqual({ channel: "#general", text: "hello" });
  });

  it("sends no idempotency header: Slack has none, the executor's succeeded-state guard covers retries", async () => {
    const { requests } = await runTool("slack.message.post", { channel: "C0123", text: "hello" }, posted);
    expect([...only(requests).headers.keys()].filter((name) => name.includes("idempotency"))).toEqual([]);
  });

  it("maps ok:false bodies: ratelimited is retryable, server faults are retryable, the rest final", async () => {
    const limited = await runTool("slack.message.post", { channel: "C0123", text: "x" }, () => json({ ok: false, error: "ratelimited" }, 200, { "retry-after": "3" }));
    expect(limited.outcome).toMatchObject({ ok: false, retryable: true, code: "RATE_LIMITED", retryAfterMs: 3000 });
    const fault = await runTool("slack.message.post", { channel: "C0123", text: "x" }, () => json({ ok: false, error: "internal_error" }));
    expect(fault.outcome).toMatchObject({ ok: false, retryable: true, code: "UPSTREAM_UNAVAILABLE" });
    const missing = await runTool("slack.message.post", { channel: "C0123", text: "x" }, () => json({ ok: false, error: "channel_not_found" }));
    expect(missing.outcome).toMatchObject({ ok: false, retryable: false, code: "SLACK_CHANNEL_NOT_FOUND" });
  });

  it("an answer without the message ts is OUTPUT_INVALID", async () => {
    const { outcome } = await runTool("slack.message.post", { channel: "C0123", text: "x" }, () => json({ ok: true, channel: "C0123" }));
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: "OUTPUT_INVALID" });
  });

  it("a token never follows a redirect", async () => {
    const { outcome, requests } = await runTool("slack.message.post", { channel: "C0123", text: "x" }, () =>
      new Response(null, { status: 302, headers: { location: "http://elsewhere.test/steal" } }),
    );
    expect(requests).toHaveLength(1);
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: "UNEXPECTED_REDIRECT" });
  });
});
