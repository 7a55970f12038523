import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../engine/hash.ts";
import { buildUnsignedManifest } from "../../cli/skills/template.ts";
import { unsignedManifest } from "./support/manifests.ts";

const bundle = new TextEncoder().encode("export default {};\n");
const now = new Date("2026-06-01T12:34:56.789Z");

describe("buildUnsignedManifest (cplane skills sign)", () => {
  it("fills the bundle digest and length, issuedAt now and expiresAt now + ttl, to the second", () => {
    const { bundle: _b, issuedAt: _i, expiresAt: _e, ...template } = unsignedManifest();
    const built = buildUnsignedManifest(template, bundle, now, 30);
    expect(built).toEqual({
      ok: true,
      manifest: {
        ...template,
        bundle: { sha256: sha256Hex(bundle), length: bundle.length },
        issuedAt: "2026-06-01T12:34:56Z",
        expiresAt: "2026-07-01T12:34:56Z",
      },
    });
  });

  it("replaces stale computed fields, including an old signature", () => {
    const built = buildUnsignedManifest({ ...unsignedManifest(), signature: { keyId: "x", alg: "ed25519", value: "y" } }, bundle, now, 1);
    expect(built.ok && built.manifest.bundle.length === bundle.length && !("signature" in built.manifest)).toBe(true);
  });

  it("lists every problem of an invalid template with its path", () => {
    const built = buildUnsignedManifest({ schemaVersion: 1, skill: "acme/Echo", publisher: "acme" }, bundle, now, 30);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.some((error) => error.startsWith("skill:"))).toBe(true);
    expect(built.errors.some((error) => error.startsWith("tools:"))).toBe(true);
  });

  it("refuses a non-object template and a ttl out of range", () => {
    expect(buildUnsignedManifest([], bundle, now, 30).ok).toBe(false);
    expect(buildUnsignedManifest(unsignedManifest(), bundle, now, 0).ok).toBe(false);
    expect(buildUnsignedManifest(unsignedManifest(), bundle, now, 1.5).ok).toBe(false);
  });
});
