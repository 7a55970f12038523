import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type AnyContract,
  type CapabilityContract,
  createRegistry,
  defineCapability,
  defineEvent,
  defineOperation,
  type OperationContract,
  RegistryError,
} from "../../contracts/index.ts";

const meta = (key: string, version = "1.0.0") => ({
  key,
  version,
  stability: "stable" as const,
  owners: ["test"],
  tags: ["test"],
  description: `The ${key} contract.`,
  goal: "Exercises the registry's construction checks.",
  context: "Built inside the test only; never served.",
});

const capability = (key = "test.cap", version = "1.0.0"): CapabilityContract =>
  defineCapability({ kind: "capability", meta: meta(key, version) });

const event = (key = "test.thing.happened", version = "1.0.0") =>
  defineEvent({ kind: "event", meta: meta(key, version), payload: z.strictObject({ n: z.number() }) });

const operation = (overrides: Partial<OperationContract> & { key?: string; version?: string } = {}): OperationContract => {
  const { key = "test.thing.get", version = "1.0.0", ...rest } = overrides;
  return defineOperation({
    kind: "query",
    meta: meta(key, version),
    input: z.strictObject({ thingId: z.string() }),
    output: z.strictObject({ ok: z.boolean() }),
    errors: [],
    capability: "test.cap",
    http: { method: "GET", path: "/v1/things/{thingId}" },
    emits: [],
    ...rest,
  });
};

function problemsOf(contracts: AnyContract[]): readonly string[] {
  try {
    createRegistry(contracts);
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    return (error as RegistryError).problems;
  }
  throw new Error("expected the registry to refuse these contracts");
}

describe("registry construction", () => {
  it("accepts a consistent set", () => {
    const registry = createRegistry([capability(), event(), operation({ emits: ["test.thing.happened"] })]);
    expect(registry.operations()).toHaveLength(1);
    expect(registry.events()).toHaveLength(1);
    expect(registry.capabilities()).toHaveLength(1);
  });

  it("refuses the same key and version twice", () => {
    expect(problemsOf([capability(), operation(), operation()])).toEqual(["duplicate query test.thing.get@1.0.0"]);
  });

  it("refuses one key used by two kinds", () => {
    expect(problemsOf([capability(), event("test.cap", "2.0.0")])).toEqual([
      "test.cap is declared both as capability and as event",
    ]);
  });

  it("refuses an emitted event that does not exist", () => {
    expect(problemsOf([capability(), operation({ emits: ["test.nothing"] })])).toEqual([
      "query test.thing.get@1.0.0 emits unknown event test.nothing",
    ]);
  });

  it("refuses a capability that does not exist", () => {
    expect(problemsOf([operation({ capability: "test.missing" })])).toEqual([
      "query test.thing.get@1.0.0 requires unknown capability test.missing",
    ]);
  });

  it("refuses two operations on one binding, even with differently named parameters", () => {
    const other = operation({
      key: "test.thing.read",
      input: z.strictObject({ id: z.string() }),
      http: { method: "GET", path: "/v1/things/{id}" },
    });
    expect(problemsOf([capability(), operation(), other])).toEqual([
      "query test.thing.read@1.0.0 and query test.thing.get@1.0.0 share the binding GET /v1/things/{id}",
    ]);
  });

  it("allows one path under two methods", () => {
    const post = operation({ key: "test.thing.update", kind: "command", http: { method: "POST", path: "/v1/things/{thingId}" } });
    expect(createRegistry([capability(), operation(), post]).operations()).toHaveLength(2);
  });

  it("refuses a path parameter missing from the input, or optional in it", () => {
    const missing = operation({ input: z.strictObject({ other: z.string() }) });
    expect(problemsOf([capability(), missing])).toEqual([
      "query test.thing.get@1.0.0 path parameter {thingId} is not a field of its input",
    ]);
    const optional = operation({ input: z.strictObject({ thingId: z.string().optional() }) });
    expect(problemsOf([capability(), optional])).toEqual([
      "query test.thing.get@1.0.0 path parameter {thingId} must be required",
    ]);
  });

  it("refuses a non-object input, a non-semver version and a repeated error code", () => {
    const problems = problemsOf([
      capability(),
      operation({ input: z.string() }),
      event("test.other", "one"),
      operation({
        key: "test.thing.list",
        http: { method: "GET", path: "/v1/things" },
        errors: [
          { code: "X", status: 400, when: "a" },
          { code: "X", status: 409, when: "b" },
        ],
      }),
    ]);
    expect(problems).toEqual([
      'event test.other has version "one", which is not semver',
      "query test.thing.get@1.0.0 input must be an object schema (path, query and body merge into it)",
      "query test.thing.list@1.0.0 declares an error code twice",
    ]);
  });

  it("reports every problem at once, in a readable message", () => {
    const attempt = () => createRegistry([operation({ capability: "nope", emits: ["none"] })]);
    expect(attempt).toThrow(/invalid contract registry:\n {2}- query test\.thing\.get@1\.0\.0 emits unknown event none\n/);
    expect(attempt).toThrow(/requires unknown capability nope/);
  });
});

describe("registry lookups", () => {
  const registry = createRegistry([
    capability(),
    event("test.thing.happened", "1.10.0"),
    event("test.thing.happened", "1.2.0"),
    event("test.thing.happened", "1.9.1"),
    operation(),
  ]);

  it("returns the highest version by semver when none is given", () => {
    expect(registry.get("test.thing.happened")?.meta.version).toBe("1.10.0");
    expect(registry.versions("test.thing.happened")).toEqual(["1.2.0", "1.9.1", "1.10.0"]);
  });

  it("returns an exact version, or nothing", () => {
    expect(registry.get("test.thing.happened", "1.2.0")?.meta.version).toBe("1.2.0");
    expect(registry.get("test.thing.happened", "2.0.0")).toBeUndefined();
    expect(registry.get("test.unknown")).toBeUndefined();
  });

  it("typed lookups answer only for their kind", () => {
    expect(registry.getOperation("test.thing.get")?.meta.key).toBe("test.thing.get");
    expect(registry.getOperation("test.cap")).toBeUndefined();
    expect(registry.getEvent("test.thing.get")).toBeUndefined();
    expect(registry.getCapability("test.cap")?.kind).toBe("capability");
  });

  it("orders contracts by key, then version", () => {
    expect(registry.all().map((c) => `${c.meta.key}@${c.meta.version}`)).toEqual([
      "test.cap@1.0.0",
      "test.thing.get@1.0.0",
      "test.thing.happened@1.2.0",
      "test.thing.happened@1.9.1",
      "test.thing.happened@1.10.0",
    ]);
  });
});
