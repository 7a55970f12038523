import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toJsonSchema } from "../../contracts/json-schema.ts";
import { type Direction, diffSchemas } from "../../scripts/lib/schema-diff.ts";

/** Diff two zod schemas the way the impact check sees them: as generated JSON Schema. */
function diff(before: z.ZodType, after: z.ZodType, direction: Direction) {
  return diffSchemas(toJsonSchema(before, direction), toJsonSchema(after, direction), direction);
}
const breaking = (before: z.ZodType, after: z.ZodType, direction: Direction) =>
  diff(before, after, direction).some((c) => c.breaking);

const base = z.strictObject({
  name: z.string().max(100),
  count: z.number().int().min(1).optional(),
  kind: z.enum(["a", "b"]),
});

describe("input schemas (what callers send)", () => {
  it("finds no change between identical schemas", () => {
    expect(diff(base, base, "input")).toEqual([]);
  });

  it("accepts a new optional field", () => {
    const after = base.extend({ note: z.string().optional() });
    expect(diff(base, after, "input")).toEqual([{ path: "note", breaking: false, message: "new optional field" }]);
  });

  it("refuses a new required field", () => {
    const after = base.extend({ note: z.string() });
    expect(diff(base, after, "input")).toEqual([{ path: "note", breaking: true, message: "new required field" }]);
  });

  it("refuses a removed field", () => {
    expect(diff(base, base.omit({ count: true }), "input")).toEqual([
      { path: "count", breaking: true, message: "field removed" },
    ]);
  });

  it("refuses narrowing: optional to required, tighter limits, fewer enum values", () => {
    expect(breaking(base, base.extend({ count: z.number().int().min(1) }), "input")).toBe(true);
    expect(breaking(base, base.extend({ name: z.string().max(50) }), "input")).toBe(true);
    expect(breaking(base, base.extend({ count: z.number().int().min(2).optional() }), "input")).toBe(true);
    expect(diff(base, base.extend({ kind: z.enum(["a"]) }), "input")).toEqual([
      { path: "kind", breaking: true, message: 'value "b" removed' },
    ]);
    expect(breaking(base, base.extend({ name: z.string().max(100).regex(/^x/) }), "input")).toBe(true);
  });

  it("accepts widening: required to optional, looser limits, more enum values", () => {
    expect(breaking(base, base.extend({ name: z.string().max(100).optional() }), "input")).toBe(false);
    expect(breaking(base, base.extend({ name: z.string().max(200) }), "input")).toBe(false);
    expect(breaking(base, base.extend({ kind: z.enum(["a", "b", "c"]) }), "input")).toBe(false);
    expect(breaking(base, base.extend({ count: z.number().min(1).optional() }), "input")).toBe(false);
  });

  it("refuses a changed type", () => {
    expect(diff(base, base.extend({ name: z.number() }), "input")).toContainEqual({
      path: "name",
      breaking: true,
      message: "type changed from string to number",
    });
  });

  it("treats a changed pattern as breaking, since neither side contains the other", () => {
    const before = z.strictObject({ id: z.string().regex(/^a/) });
    const after = z.strictObject({ id: z.string().regex(/^b/) });
    expect(diff(before, after, "input")).toEqual([{ path: "id", breaking: true, message: 'pattern "^a" → "^b"' }]);
  });

  it("descends into arrays, records and nested objects", () => {
    const before = z.strictObject({ items: z.array(z.strictObject({ tag: z.string() })), labels: z.record(z.string(), z.string()) });
    const after = z.strictObject({
      items: z.array(z.strictObject({ tag: z.string(), color: z.string() })),
      labels: z.record(z.string(), z.string().max(10)),
    });
    expect(diff(before, after, "input")).toEqual([
      { path: "items[].color", breaking: true, message: "new required field" },
      { path: "labels.*", breaking: true, message: "maxLength none → 10" },
    ]);
  });

  it("pairs discriminated union alternatives by their discriminator", () => {
    const a = z.strictObject({ kind: z.literal("a"), x: z.string() });
    const b = z.strictObject({ kind: z.literal("b") });
    const c = z.strictObject({ kind: z.literal("c") });
    const before = z.strictObject({ target: z.discriminatedUnion("kind", [a, b]) });
    expect(diff(before, z.strictObject({ target: z.discriminatedUnion("kind", [a, b, c]) }), "input")).toEqual([
      { path: "target", breaking: false, message: 'alternative kind="c" added' },
    ]);
    expect(breaking(before, z.strictObject({ target: z.discriminatedUnion("kind", [a]) }), "input")).toBe(true);
    const changedA = z.strictObject({ kind: z.literal("a"), x: z.string(), y: z.string() });
    expect(diff(before, z.strictObject({ target: z.discriminatedUnion("kind", [changedA, b]) }), "input")).toEqual([
      { path: 'target<kind="a">.y', breaking: true, message: "new required field" },
    ]);
  });
});

describe("output schemas (what clients read)", () => {
  it("accepts a new field, required or not", () => {
    expect(breaking(base, base.extend({ extra: z.string() }), "output")).toBe(false);
  });

  it("refuses a removed field, even an optional one", () => {
    expect(diff(base, base.omit({ count: true }), "output")).toEqual([
      { path: "count", breaking: true, message: "field removed" },
    ]);
  });

  it("refuses widening: a field that may now be missing or null, a new enum value", () => {
    expect(diff(base, base.extend({ name: z.string().max(100).optional() }), "output")).toEqual([
      { path: "name", breaking: true, message: "field became optional" },
    ]);
    expect(diff(base, base.extend({ name: z.string().max(100).nullable() }), "output")).toEqual([
      { path: "name", breaking: true, message: "alternative null added" },
    ]);
    expect(diff(base, base.extend({ kind: z.enum(["a", "b", "c"]) }), "output")).toEqual([
      { path: "kind", breaking: true, message: 'value "c" added' },
    ]);
  });

  it("accepts narrowing: a field that is now always present, fewer enum values", () => {
    expect(breaking(base, base.extend({ count: z.number().int().min(1) }), "output")).toBe(false);
    expect(breaking(base, base.extend({ kind: z.enum(["a"]) }), "output")).toBe(false);
  });

  it("refuses a changed type in outputs too", () => {
    expect(breaking(base, base.extend({ kind: z.number() }), "output")).toBe(true);
  });
});
