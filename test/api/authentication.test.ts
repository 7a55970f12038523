import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, createKey, problem } from "../support/api.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("auth-tenant");
});

async function expectUnauthenticated(key: string | undefined) {
  const res = await call("GET", "/v1/executions", key === undefined ? {} : { key });
  expect(res.status).toBe(401);
  const body = await problem(res);
  expect(body.code).toBe("UNAUTHENTICATED");
  return body;
}

describe("deny by default on /v1", () => {
  it("refuses a request without a key", async () => {
    await expectUnauthenticated(undefined);
  });

  it("refuses a well-formed key with a wrong secret, and says the same as for no key", async () => {
    const flipped = admin.key.slice(0, -1) + (admin.key.endsWith("A") ? "B" : "A");
    const wrong = await expectUnauthenticated(flipped);
    const none = await expectUnauthenticated(undefined);
    expect(wrong.detail).toBe(none.detail);
  });

  it("refuses malformed keys and other schemes", async () => {
    await expectUnauthenticated("not-a-key");
    const basic = await call("GET", "/v1/executions", { headers: { authorization: `Basic ${btoa("a:b")}` } });
    expect(basic.status).toBe(401);
  });

  it("refuses a revoked key", async () => {
    const created = await createKey(admin, ["control-plane.core"]);
    expect((await call("GET", "/v1/executions", { key: created.key })).status).toBe(200);
    const revoke = await call("POST", `/v1/keys/${created.keyId}/revoke`, { key: admin.key });
    expect(revoke.status).toBe(200);
    expect(((await revoke.json()) as { revokedAt: string | null }).revokedAt).not.toBeNull();
    await expectUnauthenticated(created.key);
  });

  it("refuses an expired key", async () => {
    const created = await createKey(admin, ["control-plane.core"], { expiresAt: "2999-01-01T00:00:00Z" });
    expect((await call("GET", "/v1/executions", { key: created.key })).status).toBe(200);
    await env.DB.prepare("UPDATE api_keys SET expires_at = ? WHERE id = ?")
      .bind("2001-01-01T00:00:00.000Z", created.keyId)
      .run();
    await expectUnauthenticated(created.key);
  });

  it("answers 403 when the key lacks the contract's capability", async () => {
    const auditor = await createKey(admin, ["control-plane.audit"]);
    const res = await call("GET", "/v1/executions", { key: auditor.key });
    expect(res.status).toBe(403);
    expect((await problem(res)).code).toBe("FORBIDDEN");
  });

  it("never lets a key mint a stronger key", async () => {
    const core = await createKey(admin, ["control-plane.core", "control-plane.admin"]);
    const res = await call("POST", "/v1/keys", {
      key: core.key,
      body: { name: "escalate", capabilities: ["control-plane.skill-registry"] },
    });
    expect(res.status).toBe(403);
    expect((await problem(res)).code).toBe("CAPABILITY_NOT_HELD");
  });

  it("stores only a hash of each key", async () => {
    const { results } = await env.DB.prepare("SELECT prefix, hash FROM api_keys WHERE id = ?").bind(admin.keyId).all();
    const row = results[0] as { prefix: string; hash: string };
    expect(admin.key.startsWith(row.prefix)).toBe(true);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.hash).not.toContain(admin.key.slice(row.prefix.length + 1));
  });
});
