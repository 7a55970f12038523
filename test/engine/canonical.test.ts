import { describe, expect, it } from "vitest";
import { CanonicalError, canonical } from "../../engine/canonical.ts";
import { digestOf, sha256Hex } from "../../engine/hash.ts";

describe("canonical", () => {
  it("sorts keys and writes numbers the RFC 8785 way", () => {
    expect(canonical({ b: 1, a: [true, null, "x"], c: { z: 1e21, y: 0.1 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":0.1,"z":1e+21}}',
    );
  });

  it("treats an undefined property as absent, as JSON does", () => {
    expect(canonical({ a: 1, b: undefined })).toBe(canonical({ a: 1 }));
  });

  it.each([
    ["undefined", undefined, "$"],
    ["undefined in an array", [1, undefined], "$[1]"],
    ["NaN", { n: Number.NaN }, "$.n"],
    ["Infinity", { n: Number.POSITIVE_INFINITY }, "$.n"],
    ["a function", { f: () => 1 }, "$.f"],
    ["a symbol", [Symbol("s")], "$[0]"],
    ["a bigint", { big: 1n }, "$.big"],
    ["a Map", { m: new Map() }, "$.m"],
    ["a Date", { d: new Date(0) }, "$.d"],
    ["a lone surrogate", { s: "\uD800" }, "$.s"],
  ])("refuses %s and says where", (_name, value, path) => {
    expect(() => canonical(value)).toThrow(CanonicalError);
    try {
      canonical(value);
    } catch (e) {
      expect(e instanceof CanonicalError && e.path).toBe(path);
    }
  });
});

describe("hashing", () => {
  it("sha256Hex matches the FIPS 180-2 vector for `abc`, as text and as bytes", () => {
    const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    expect(sha256Hex("abc")).toBe(abc);
    expect(sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(abc);
  });

  it("digestOf ignores key order and hashes text as UTF-8", () => {
    expect(digestOf({ a: 1, b: "é" })).toBe(digestOf({ b: "é", a: 1 }));
    expect(digestOf("é")).toBe(sha256Hex('"é"'));
    expect(digestOf({ a: 1 })).not.toBe(digestOf({ a: 2 }));
  });
});
