import { describe, expect, it } from "vitest";
import { BOOTSTRAP_TOKEN, call, problem } from "../support/api.ts";

describe("POST /v1/bootstrap", () => {
  it("creates the first admin key once, then refuses", async () => {
    const first = await call("POST", "/v1/bootstrap", { key: BOOTSTRAP_TOKEN, body: { tenantId: "acme" } });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { key: string; capabilities: string[] };
    expect(created.key).toMatch(/^cpk_[0-9a-f]{8}_/);
    expect(created.capabilities).toContain("control-plane.admin");

    const works = await call("GET", "/v1/keys", { key: created.key });
    expect(works.status).toBe(200);

    const second = await call("POST", "/v1/bootstrap", { key: BOOTSTRAP_TOKEN, body: { tenantId: "acme" } });
    expect(second.status).toBe(409);
    expect((await problem(second)).code).toBe("ALREADY_BOOTSTRAPPED");
  });

  it("lets exactly one of concurrent bootstraps win", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call("POST", "/v1/bootstrap", { key: BOOTSTRAP_TOKEN, body: { tenantId: "race" } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it("refuses a wrong bootstrap token and an API key in its place", async () => {
    const wrong = await call("POST", "/v1/bootstrap", { key: `${BOOTSTRAP_TOKEN}x`, body: { tenantId: "other" } });
    expect(wrong.status).toBe(401);
    expect((await problem(wrong)).code).toBe("UNAUTHENTICATED");
    const none = await call("POST", "/v1/bootstrap", { body: { tenantId: "other" } });
    expect(none.status).toBe(401);
  });
});
