import semver from "semver";
import { describe, expect, it } from "vitest";
import { type AnyContract, contractSchemas, registry, v1Capabilities, v1Events, v1Operations } from "../../contracts/index.ts";

const stabilities = ["experimental", "beta", "stable", "deprecated"];
const all = registry.all();

describe("every v1 contract", () => {
  it("is in the registry, under the key it is listed with", () => {
    const listed: [string, AnyContract][] = [
      ...Object.entries(v1Operations),
      ...Object.entries(v1Events),
      ...Object.entries(v1Capabilities),
    ];
    for (const [key, contract] of listed) {
      expect(contract.meta.key).toBe(key);
      expect(registry.get(key)).toBe(contract);
    }
    expect(all).toHaveLength(listed.length);
  });

  it.each(all.map((c) => [c.meta.key, c] as const))("%s has complete meta", (_key, contract) => {
    const m = contract.meta;
    expect(semver.valid(m.version)).toBe(m.version);
    expect(stabilities).toContain(m.stability);
    expect(m.owners).toEqual(["control-plane"]);
    expect(m.tags.length).toBeGreaterThan(0);
    for (const text of [m.key, m.description, m.goal, m.context, ...m.tags]) expect(text.trim()).not.toBe("");
    // Prose, not a placeholder: a sentence of its own, different from the description.
    expect(m.goal.length).toBeGreaterThan(30);
    expect(m.context.length).toBeGreaterThan(30);
    expect(m.goal).not.toBe(m.description);
  });

  it.each(all.map((c) => [c.meta.key, c] as const))("%s converts to JSON Schema", (_key, contract) => {
    const schemas = contractSchemas(contract);
    if (contract.kind === "capability") return expect(schemas).toEqual({});
    for (const schema of Object.values(schemas)) {
      // An object, or a union of objects for results that are a normal answer either way.
      const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : [schema];
      for (const alternative of alternatives) expect(alternative).toMatchObject({ type: "object" });
      expect(JSON.stringify(schema)).not.toContain('"$ref"');
    }
    if (contract.kind === "event") return expect(Object.keys(schemas)).toEqual(["payload"]);
    expect(schemas.input).toMatchObject({ type: "object", additionalProperties: false });
  });

  it("keys follow the naming rules of their kind", () => {
    for (const c of all) {
      const pattern = c.kind === "capability" ? /^control-plane\.[a-z][a-z-]*$/ : /^controlPlane(\.[a-z][A-Za-z_]*)+$/;
      expect(c.meta.key).toMatch(pattern);
    }
  });

  it("operations declare upper-snake error codes with client or server statuses", () => {
    for (const op of registry.operations()) {
      for (const e of op.errors) {
        expect(e.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
        expect(e.status).toBeGreaterThanOrEqual(400);
        expect(e.status).toBeLessThan(600);
        expect(e.when.trim()).not.toBe("");
      }
    }
  });
});
