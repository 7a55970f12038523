import { describe, expect, it } from "vitest";
import { SkillManifest, UnsignedSkillManifest } from "../../contracts/skills/manifest.ts";
import { EgressHost, Ed25519Signature, SemVerRange } from "../../contracts/skills/names.ts";
import { fixture, unsignedManifest } from "./support/manifests.ts";

const issues = (value: unknown) => {
  const parsed = UnsignedSkillManifest.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
};

describe("the manifest schema", () => {
  it("accepts the fixture manifest, signed and unsigned", async () => {
    const { manifest } = await fixture();
    expect(SkillManifest.safeParse(manifest).success).toBe(true);
    expect(issues(unsignedManifest())).toEqual([]);
  });

  it("ties the skill key to the publisher", () => {
    expect(issues(unsignedManifest({ skill: "globex/echo" }))).toEqual(["skill"]);
  });

  it("refuses duplicate tools, capabilities and hosts, and an expiry before issue", () => {
    const [tool] = unsignedManifest().tools;
    expect(tool).toBeDefined();
    if (tool === undefined) return;
    expect(issues(unsignedManifest({ tools: [tool, tool] }))).toEqual(["tools.1.name"]);
    expect(issues(unsignedManifest({ capabilities: ["control-plane.core", "control-plane.core"] }))).toEqual(["capabilities.1"]);
    expect(issues(unsignedManifest({ egress: ["api.example.com", "api.example.com"] }))).toEqual(["egress.1"]);
    expect(issues(unsignedManifest({ expiresAt: "2026-06-01T00:00:00Z" }))).toEqual(["expiresAt"]);
  });

  it("requires tool input schemas to describe objects", () => {
    const [tool] = unsignedManifest().tools;
    if (tool === undefined) throw new Error("fixture has a tool");
    expect(issues(unsignedManifest({ tools: [{ ...tool, input: { type: "string" } }] }))).toEqual(["tools.0.input"]);
  });

  it("accepts only the documented egress host forms", () => {
    for (const host of ["api.example.com", "*.example.com", "a-b.c.example.co.uk", "xn--bcher-kva.example"]) {
      expect(EgressHost.safeParse(host).success, host).toBe(true);
    }
    for (const host of ["*.com", "*", "example", "API.example.com", "https://api.example.com", "api.example.com:443", "10.0.0.1", "a.*.example.com", "**.example.com", "-a.example.com"]) {
      expect(EgressHost.safeParse(host).success, host).toBe(false);
    }
  });

  it("accepts semver ranges and refuses junk", () => {
    expect(SemVerRange.safeParse("^1.0.0").success).toBe(true);
    expect(SemVerRange.safeParse(">=1.2.0 <3").success).toBe(true);
    expect(SemVerRange.safeParse("").success).toBe(false);
    expect(SemVerRange.safeParse("one point oh").success).toBe(false);
  });

  it("accepts only canonical unpadded base64url signatures of 64 bytes", () => {
    expect(Ed25519Signature.safeParse(`${"A".repeat(85)}A`).success).toBe(true);
    expect(Ed25519Signature.safeParse(`${"A".repeat(85)}w`).success).toBe(true);
    // Same bytes, non-zero padding bits: a second spelling of one signature.
    expect(Ed25519Signature.safeParse(`${"A".repeat(85)}B`).success).toBe(false);
    expect(Ed25519Signature.safeParse(`${"A".repeat(84)}==`).success).toBe(false);
    expect(Ed25519Signature.safeParse("A".repeat(87)).success).toBe(false);
  });
});
