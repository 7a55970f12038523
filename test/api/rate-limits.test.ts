import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, createKey, problem } from "../support/api.ts";
import { freshRateWindow } from "../support/rate-window.ts";
import { testRateLimits } from "../support/test-secrets.ts";

const KEY_LIMIT = testRateLimits.INTENT_KEY_LIMIT.simple.limit;
const TENANT_LIMIT = testRateLimits.INTENT_TENANT_LIMIT.simple.limit;
const body = (idempotencyKey: string) => ({ channel: "api", replyTo: { kind: "none" }, text: "reply hello", idempotencyKey: `idempotent-${idempotencyKey}` });

/** Submits the same idempotent intent `n` times (one execution; every call still counts) and answers the statuses. */
async function submitMany(key: string, n: number, idempotencyKey = "same"): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await call("POST", "/v1/intents", { key, body: body(idempotencyKey) })).status);
  return statuses;
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
beforeEach(() => freshRateWindow(), 30_000);

describe("rate limits on intent submission", { timeout: 30_000 }, () => {
  it("answers 429 RATE_LIMITED with Retry-After once an API key is over its limit; the tenant's other key and another tenant go on", async () => {
    const busy = await createKey(acme, ["control-plane.core"]);
    expect(await submitMany(busy.key, KEY_LIMIT)).toEqual(Array.from({ length: KEY_LIMIT }, () => 202));

    const before = await executionsOf(acme.tenantId);
    const refused = await call("POST", "/v1/intents", { key: busy.key, body: body("fresh") });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await problem(refused)).toMatchObject({ status: 429, code: "RATE_LIMITED", detail: expect.stringContaining("API key") });
    // Refused before anything was recorded: the retry is a first submission, not a repeat.
    expect(await executionsOf(acme.tenantId)).toBe(before);
    // execution.start counts against the same key.
    const start = await call("POST", "/v1/executions", { key: busy.key, body: { intent: {}, expectedDigest: "0".repeat(64) } });
    expect(start.status).toBe(400); // input validation runs before the handler, and so before the limit
    const started = await call("POST", "/v1/executions", {
      key: busy.key,
      body: { intent: { tenantId: acme.tenantId, actor: { type: "service", id: "x" }, channel: "api", replyTo: { kind: "none" }, text: "reply hi", receivedAt: "2026-01-01T00:00:00.000Z" }, expectedDigest: "0".repeat(64) },
    });
    expect(started.status).toBe(429);

    const calm = await createKey(acme, ["control-plane.core"]);
    expect((await call("POST", "/v1/intents", { key: calm.key, body: body("calm") })).status).toBe(202);
    expect((await call("POST", "/v1/intents", { key: other.key, body: body("other") })).status).toBe(202);
  });

  it("limits the tenant across its keys: once the tenant is over, a fresh key is refused too, and another tenant is not", async () => {
    const tenant = await bootstrap("rl-tenant");
    const keys = await Promise.all([1, 2, 3].map(() => createKey(tenant, ["control-plane.core"])));
    const [k1, k2, k3] = keys;
    if (k1 === undefined || k2 === undefined || k3 === undefined) throw new Error("keys");
    // Two keys, each within its own limit, use up the tenant's allowance between them.
    expect(await submitMany(k1.key, KEY_LIMIT, "a")).not.toContain(429);
    expect(await submitMany(k2.key, TENANT_LIMIT - KEY_LIMIT, "b")).not.toContain(429);

    const refused = await call("POST", "/v1/intents", { key: k3.key, body: body("c") });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await problem(refused)).toMatchObject({ code: "RATE_LIMITED", detail: expect.stringContaining("tenant") });
    expect((await call("POST", "/v1/intents", { key: other.key, body: body("other-2") })).status).toBe(202);
  });
});
