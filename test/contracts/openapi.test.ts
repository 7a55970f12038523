import { describe, expect, it } from "vitest";
import { buildOpenApi, registry } from "../../contracts/index.ts";

const doc = buildOpenApi(registry, { serverUrl: "https://cp.example" });
const operationAt = (method: string, path: string) => {
  const op = doc.paths[path]?.[method];
  if (!op) throw new Error(`no ${method} ${path}`);
  return op;
};

describe("buildOpenApi", () => {
  it("is an OpenAPI 3.1 document with bearer schemes and the Problem schema", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "https://cp.example" }]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.Problem).toMatchObject({ required: ["type", "title", "status", "code", "detail"] });
  });

  it("has one path item method per operation, with its capability and contract identity", () => {
    const served = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(served).toHaveLength(registry.operations().length);
    for (const op of registry.operations()) {
      const entry = operationAt(op.http.method.toLowerCase(), op.http.path);
      expect(entry.operationId).toBe(op.meta.key);
      expect(entry["x-capability"]).toBe(op.capability);
      expect(entry["x-contract-version"]).toBe(op.meta.version);
      expect(entry.responses[String(op.http.successStatus ?? 200)]).toBeDefined();
    }
    expect(new Set(served.map((o) => o.operationId)).size).toBe(served.length);
  });

  it("takes path parameters out of the body", () => {
    const approve = operationAt("post", "/v1/executions/{executionId}/approve");
    expect(approve.parameters).toEqual([expect.objectContaining({ name: "executionId", in: "path", required: true })]);
    const body = approve.requestBody?.content["application/json"].schema;
    expect(Object.keys(body?.properties ?? {})).toEqual(["stepId", "comment"]);
    expect(body?.required).toEqual(["stepId"]);
  });

  it("turns a GET input into query parameters, with their optionality", () => {
    const list = operationAt("get", "/v1/executions");
    expect(list.requestBody).toBeUndefined();
    expect(list.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ["status", "query", false],
      ["limit", "query", false],
      ["cursor", "query", false],
    ]);
  });

  it("leaves out the request body when the path carries the whole input", () => {
    expect(operationAt("post", "/v1/keys/{keyId}/revoke").requestBody).toBeUndefined();
  });

  it("answers declared and common errors as problem+json, grouped by status", () => {
    const approve = operationAt("post", "/v1/executions/{executionId}/approve");
    const conflict = approve.responses["409"]?.content["application/problem+json"]?.schema;
    expect(conflict).toEqual({
      allOf: [
        { $ref: "#/components/schemas/Problem" },
        { properties: { code: { enum: ["STEP_NOT_AWAITING_APPROVAL", "ALREADY_DECIDED", "EXECUTION_ARCHIVED"] } } },
      ],
    });
    expect(Object.keys(approve.responses).sort()).toEqual(["200", "400", "401", "403", "404", "409", "413", "501"]);
  });

  it("secures bootstrap with the bootstrap token and everything else with an API key", () => {
    expect(operationAt("post", "/v1/bootstrap").security).toEqual([{ bootstrapToken: [] }]);
    expect(operationAt("post", "/v1/bootstrap").responses["403"]).toBeUndefined();
    expect(operationAt("get", "/v1/skills").security).toEqual([{ apiKey: [] }]);
  });

  it("publishes event payload schemas under their keys", () => {
    for (const event of registry.events()) expect(doc.components.schemas[event.meta.key]).toBeDefined();
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
