import { describe, expect, it } from "vitest";
import { egressAllows } from "../../engine/skills/egress.ts";

describe("egressAllows", () => {
  const allow = ["api.example.com", "*.cdn.example.net"];

  it("matches exact hosts and hosts below a wildcard", () => {
    expect(egressAllows(allow, "api.example.com")).toBe(true);
    expect(egressAllows(allow, "API.Example.com.")).toBe(true);
    expect(egressAllows(allow, "a.cdn.example.net")).toBe(true);
    expect(egressAllows(allow, "a.b.cdn.example.net")).toBe(true);
  });

  it("refuses everything else", () => {
    for (const host of ["cdn.example.net", "example.com", "api.example.com.evil.org", "evilapi.example.com", "xcdn.example.net", "", "."]) {
      expect(egressAllows(allow, host), host).toBe(false);
    }
    expect(egressAllows([], "api.example.com")).toBe(false);
  });
});
