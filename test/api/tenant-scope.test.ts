import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, createKey, problem } from "../support/api.ts";

let alpha: Admin;
let beta: Admin;
beforeAll(async () => {
  alpha = await bootstrap("alpha");
  beta = await bootstrap("beta");
});

describe("tenant scoping", () => {
  it("answers 404 when revoking another tenant's key, and leaves it working", async () => {
    const betaKey = await createKey(beta, ["control-plane.core"]);
    const res = await call("POST", `/v1/keys/${betaKey.keyId}/revoke`, { key: alpha.key });
    expect(res.status).toBe(404);
    expect((await problem(res)).code).toBe("KEY_NOT_FOUND");
    expect((await call("GET", "/v1/executions", { key: betaKey.key })).status).toBe(200);
  });

  it("lists only the caller's keys", async () => {
    const res = await call("GET", "/v1/keys", { key: alpha.key });
    const body = (await res.json()) as { items: { keyId: string }[] };
    expect(body.items.map((k) => k.keyId)).toContain(alpha.keyId);
    expect(body.items.map((k) => k.keyId)).not.toContain(beta.keyId);
  });

  it("lists only the caller's executions", async () => {
    const now = new Date().toISOString();
    await env.DB.prepare(
      "INSERT INTO executions (id, tenant_id, intent_id, status, trace_id, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?)",
    )
      .bind("ex_beta_only", "beta", "in_beta_only", "tr_beta_only", now, now)
      .run();
    const mine = (await (await call("GET", "/v1/executions", { key: beta.key })).json()) as { items: { executionId: string }[] };
    expect(mine.items.map((e) => e.executionId)).toEqual(["ex_beta_only"]);
    const theirs = (await (await call("GET", "/v1/executions", { key: alpha.key })).json()) as { items: unknown[] };
    expect(theirs.items).toEqual([]);
  });
});
