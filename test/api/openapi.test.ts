import { describe, expect, it } from "vitest";
import { registry } from "../../contracts/index.ts";
import { honoPath } from "../../workers/api/mount-contracts.ts";
import { bootstrap, call } from "../support/api.ts";

describe("GET /v1/openapi.json", () => {
  it("requires a key, like every /v1 route", async () => {
    expect((await call("GET", "/v1/openapi.json")).status).toBe(401);
  });

  it("lists every operation of the registry at its binding", async () => {
    const admin = await bootstrap("openapi-tenant");
    const res = await call("GET", "/v1/openapi.json", { key: admin.key });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\.1/);
    for (const op of registry.operations()) {
      expect(doc.paths[op.http.path]?.[op.http.method.toLowerCase()], op.meta.key).toBeDefined();
    }
  });

  it("maps binding paths to router paths", () => {
    expect(honoPath("/v1/executions/{executionId}/approve")).toBe("/v1/executions/:executionId/approve");
  });
});
