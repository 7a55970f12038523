import { beforeAll, describe, expect, it } from "vitest";
import { API_BODY_LIMIT } from "../../workers/api/app.ts";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("validation-tenant");
});

describe("input validation", () => {
  it("answers 400 with the path of every invalid field", async () => {
    const res = await call("POST", "/v1/keys", { key: admin.key, body: { name: "", capabilities: ["Not A Cap"] } });
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body.code).toBe("VALIDATION_FAILED");
    const paths = (body.errors ?? []).map((e) => e.path);
    expect(paths).toContain("name");
    expect(paths).toContain("capabilities.0");
  });

  it("refuses unknown fields rather than ignoring them", async () => {
    const res = await call("POST", "/v1/keys", {
      key: admin.key,
      body: { name: "x", capabilities: ["control-plane.core"], admin: true },
    });
    expect(res.status).toBe(400);
  });

  it("answers 400 MALFORMED_JSON for a body that is not JSON", async () => {
    const res = await call("POST", "/v1/keys", { key: admin.key, body: "{not json" });
    expect(res.status).toBe(400);
    expect((await problem(res)).code).toBe("MALFORMED_JSON");
  });

  it("validates query strings of GET routes", async () => {
    const res = await call("GET", "/v1/executions?limit=100000", { key: admin.key });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.path).toBe("limit");
  });

  it("answers 413 for a body over the limit", async () => {
    const res = await call("POST", "/v1/keys", {
      key: admin.key,
      body: { name: "x".repeat(API_BODY_LIMIT + 1), capabilities: ["control-plane.core"] },
    });
    expect(res.status).toBe(413);
    expect((await problem(res)).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers 404 problem+json for an unknown route", async () => {
    const res = await call("GET", "/v1/nothing-here", { key: admin.key });
    expect(res.status).toBe(404);
    expect((await problem(res)).code).toBe("NOT_FOUND");
  });
});
