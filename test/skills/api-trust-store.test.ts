import { beforeAll, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, createKey, problem } from "../support/api.ts";
import { trust } from "./support/api-skills.ts";
import { testKey, type TestKey } from "./support/keys.ts";

let admin: Admin;
let acme: TestKey;
let globex: TestKey;

beforeAll(async () => {
  admin = await bootstrap("skills-trust");
  acme = await testKey(1, "acme");
  globex = await testKey(2, "globex");
});

describe("the tenant's trust store", () => {
  it("adds a publisher key bound to its namespace and validity window", async () => {
    const res = await trust(admin, acme.trusted);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ...acme.trusted, status: "active", addedAt: expect.any(String), revokedAt: null, revokedReason: null });
  });

  it("refuses the same key id twice", async () => {
    const res = await trust(admin, acme.trusted);
    expect(res.status).toBe(409);
    expect((await problem(res)).code).toBe("TRUSTED_KEY_EXISTS");
  });

  it("refuses a window that ends before it starts", async () => {
    const res = await trust(admin, { ...globex.trusted, notAfter: "2025-01-01T00:00:00Z" });
    expect((await problem(res)).code).toBe("VALIDATION_FAILED");
  });

  it("lists keys by id, filtered by publisher and status", async () => {
    expect((await trust(admin, globex.trusted)).status).toBe(201);
    const all = await call("GET", "/v1/trusted-keys", { key: admin.key });
    const ids = ((await all.json()) as { items: { keyId: string }[] }).items.map((k) => k.keyId);
    expect(ids).toEqual([acme.keyId, globex.keyId].sort());
    const onlyGlobex = await call("GET", "/v1/trusted-keys?publisher=globex", { key: admin.key });
    expect(((await onlyGlobex.json()) as { items: { keyId: string }[] }).items.map((k) => k.keyId)).toEqual([globex.keyId]);
  });

  it("revokes a key once; it stays listed as revoked and cannot be re-added", async () => {
    const first = await call("POST", `/v1/trusted-keys/${globex.keyId}/revoke`, { key: admin.key, body: { reason: "retired" } });
    expect(await first.json()).toMatchObject({ key: { status: "revoked", revokedReason: "retired" }, disabledSkills: [] });
    const second = await call("POST", `/v1/trusted-keys/${globex.keyId}/revoke`, { key: admin.key, body: { reason: "again" } });
    expect(await second.json()).toMatchObject({ key: { status: "revoked", revokedReason: "retired" } });
    const revoked = await call("GET", "/v1/trusted-keys?status=revoked", { key: admin.key });
    expect(((await revoked.json()) as { items: { keyId: string }[] }).items.map((k) => k.keyId)).toEqual([globex.keyId]);
    expect((await trust(admin, globex.trusted)).status).toBe(409);
  });

  it("answers 404 for a key it does not have, and keeps tenants apart", async () => {
    const missing = await call("POST", "/v1/trusted-keys/acme-nope/revoke", { key: admin.key, body: { reason: "x" } });
    expect((await problem(missing)).code).toBe("TRUSTED_KEY_NOT_FOUND");
    const other = await bootstrap("skills-trust-other");
    const list = await call("GET", "/v1/trusted-keys", { key: other.key });
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("needs the skill-registry capability", async () => {
    const coreOnly = await createKey(admin, ["control-plane.core"]);
    const res = await call("GET", "/v1/trusted-keys", { key: coreOnly.key });
    expect(res.status).toBe(403);
  });
});
