import { describe, expect, it } from "vitest";
import { dispatch } from "../../workers/tools/dispatch.ts";
import { testConfig, now } from "./support/config.ts";
import { toolCases, type ToolCase } from "./support/cases.ts";
import { fakeFetch, hangs, json, networkDown, type Responder } from "./support/fake-fetch.ts";
import { contextFor } from "./support/plan.ts";

async function run(c: ToolCase, respond: Responder, timeoutMs = 1000) {
  const { fetch, requests } = fakeFetch(respond);
  const context = contextFor(c.tool, c.input, c.replyTo === undefined ? {} : { replyTo: c.replyTo });
  const outcome = await dispatch(context, { config: testConfig({ ...c.config, timeoutMs }), fetch, now: () => now });
  return { outcome, requests };
}

describe.each(toolCases)("provider errors: $name", (c) => {
  it("429 with Retry-After in seconds is retryable after that delay", async () => {
    const { outcome, requests } = await run(c, () => json({}, 429, { "retry-after": "7" }));
    expect(outcome).toMatchObject({ ok: false, retryable: true, code: "RATE_LIMITED", retryAfterMs: 7000 });
    expect(requests).toHaveLength(1);
  });

  it("429 with Retry-After as an HTTP date is retryable until that date", async () => {
    const at = new Date(now + 30_000).toUTCString();
    const { outcome } = await run(c, () => json({}, 429, { "retry-after": at }));
    expect(outcome).toMatchObject({ ok: false, retryable: true, code: "RATE_LIMITED", retryAfterMs: 30_000 });
  });

  it("5xx is retryable", async () => {
    const { outcome } = await run(c, () => new Response("upstream down", { status: 503 }));
    expect(outcome).toMatchObject({ ok: false, retryable: true, code: "UPSTREAM_UNAVAILABLE" });
    expect(outcome.ok ? 0 : outcome.retryAfterMs).toBeUndefined();
  });

  it("4xx is final with the provider's code", async () => {
    const { outcome } = await run(c, c.clientError);
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: c.clientErrorCode });
  });

  it("a network error is retryable", async () => {
    const { outcome } = await run(c, networkDown);
    expect(outcome).toMatchObject({ ok: false, retryable: true, code: "NETWORK_ERROR" });
  });

  it("no answer within the timeout is retryable", async () => {
    const { outcome } = await run(c, hangs, 20);
    expect(outcome).toMatchObject({ ok: false, retryable: true, code: "TIMEOUT" });
  });
});
