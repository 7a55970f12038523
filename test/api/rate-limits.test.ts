import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, createKey, problem } from "../support/api.ts";
import { freshRateWindow } from "../support/rate-window.ts";
import { testRateLimits } from "../support/test-secrets.ts";

const KEY_LIMIT = testRateLimits.INTENT_KEY_LIMIT.simple.limit;
const TENANT_LIMIT = testRateLimits.INTENT_TENANT_LIMIT.simple.limit;
const body = (idempotencyKey: string) => ({ channel: "api", replyTo: { kind: "none" }, text: "reply hello", idempotencyKey: `idempotent-${idempotencyKey}` });

/**
 * Submits the same idempotent intent (one execution; every call still counts) until one is refused or `max`
 * were accepted. Counting windows are aligned to the clock: should one roll over midway, more are accepted
 * before the refusal, never fewer, so the tests assert "at least".
 */
async function untilRefused(key: string, max: number, idempotencyKey: string): Promise<{ accepted: number; refused: Response | undefined }> {
  for (let accepted = 0; accepted < max; accepted++) {
    const res = await call("POST", "/v1/intents", { key, body: body(idempotencyKey) });
    if (res.status === 429) return { accepted, refused: res };
    expect(res.status).toBe(202);
  }
  return { accepted: max, refused: undefined };
}

async function executionsOf(tenantId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM executions WHERE tenant_id = ?").bind(tenantId).first<{ n: number }>();
  return row?.n ?? 0;
}

let acme: Admin;
let other: Admin;

beforeAll(async () => {
  acme = await bootstrap("rl-acme");
  other = await bootstrap("rl-other");
});
beforeEach(() => freshRateWindow(60_000, 30_000), 40_000);

describe("rate limits on intent submission", { timeout: 60_000 }, () => {
  it("answers 429 RATE_LIMITED with Retry-After once an API key is over its limit; the tenant's other key and another tenant go on", async () => {
    const busy = await createKey(acme, ["control-plane.core"]);
    const before = await executionsOf(acme.tenantId);
    const { accepted, refused } = await untilRefused(busy.key, 3 * KEY_LIMIT, "same");
    expect(accepted).toBeGreaterThanOrEqual(KEY_LIMIT);
    expect(accepted).toBeLessThan(TENANT_LIMIT);
    if (refused === undefined) throw new Error("never refused");
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await problem(refused)).toMatchObject({ status: 429, code: "RATE_LIMITED", detail: expect.stringContaining("API key") });
    // One execution for the idempotent submissions, none for the refused one: its retry is a first submission.
    expect(await executionsOf(acme.tenantId)).toBe(before + 1);

    // execution.start counts against the same key (its input is validated first, so send a valid one).
    const started = await call("POST", "/v1/executions", {
      key: busy.key,
      body: { intent: { tenantId: acme.tenantId, actor: { type: "service", id: "x" }, channel: "api", replyTo: { kind: "none" }, text: "reply hi", receivedAt: "2026-01-01T00:00:00.000Z" }, expectedDigest: "0".repeat(64) },
    });
    expect(started.status).toBe(429);
    expect(started.headers.get("retry-after")).toBe("60");

    const calm = await createKey(acme, ["control-plane.core"]);
    expect((await call("POST", "/v1/intents", { key: calm.key, body: body("calm") })).status).toBe(202);
    expect((await call("POST", "/v1/intents", { key: other.key, body: body("other") })).status).toBe(202);
  });

  it("limits the tenant across its keys: once the tenant is over, a fresh key is refused too, and another tenant is not", async () => {
    const tenant = await bootstrap("rl-tenant");
    // Keys that each stay under their own limit use up the tenant's allowance between them.
    let accepted = 0;
    let refused: Response | undefined;
    for (let round = 0; refused === undefined && round < 10; round++) {
      const key = await createKey(tenant, ["control-plane.core"]);
      const sent = await untilRefused(key.key, KEY_LIMIT - 1, `round-${round}`);
      accepted += sent.accepted;
      refused = sent.refused;
    }
    expect(accepted).toBeGreaterThanOrEqual(TENANT_LIMIT);
    if (refused === undefined) throw new Error("never refused");
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await problem(refused)).toMatchObject({ code: "RATE_LIMITED", detail: expect.stringContaining("tenant") });

    const fresh = await createKey(tenant, ["control-plane.core"]);
    expect((await call("POST", "/v1/intents", { key: fresh.key, body: body("fresh-key") })).status).toBe(429);
    expect((await call("POST", "/v1/intents", { key: other.key, body: body("other-2") })).status).toBe(202);
  });
});
