import { describe, expect, it } from "vitest";
import { checkInstall } from "../../engine/skills/check-install.ts";
import { signManifest } from "../../engine/skills/sign.ts";
import { testKey } from "./support/keys.ts";
import { expectRefused, outcomes } from "./support/expect-report.ts";
import { BUNDLE, edited, EXPIRES_AT, fixture, unsignedManifest } from "./support/manifests.ts";

describe("checkInstall refuses, each with its own code", () => {
  it("SCHEMA_VERSION_UNKNOWN for a newer format, and checks nothing else", async () => {
    const { input, manifest } = await fixture();
    const decision = await checkInstall({ ...input, manifest: { ...manifest, schemaVersion: 2 } });
    expectRefused(decision, "schema_version", "SCHEMA_VERSION_UNKNOWN");
    expect(decision.checks.slice(1).every((check) => check.outcome === "skipped")).toBe(true);
  });

  it("SCHEMA_VERSION_UNKNOWN when schemaVersion is missing", async () => {
    const { input, manifest } = await fixture();
    const { schemaVersion: _omitted, ...rest } = manifest;
    expectRefused(await checkInstall({ ...input, manifest: rest }), "schema_version", "SCHEMA_VERSION_UNKNOWN");
  });

  it("MANIFEST_INVALID for a non-object, a bad field, or an unknown field", async () => {
    const { input, manifest } = await fixture();
    expectRefused(await checkInstall({ ...input, manifest: "acme/echo" }), "schema_version", "MANIFEST_INVALID");
    expectRefused(await checkInstall({ ...input, manifest: { ...manifest, version: "v1" } }), "manifest", "MANIFEST_INVALID");
    // An unsigned extra field would otherwise ride along unverified.
    expectRefused(await checkInstall({ ...input, manifest: { ...manifest, entrypoint: "evil.js" } }), "manifest", "MANIFEST_INVALID");
  });

  it("BUNDLE_DIGEST_MISMATCH for a flipped byte in the bundle", async () => {
    const { input } = await fixture();
    const bundle = BUNDLE.slice();
    bundle[10] = (bundle[10] ?? 0) ^ 0x01;
    expectRefused(await checkInstall({ ...input, bundle }), "bundle_digest", "BUNDLE_DIGEST_MISMATCH");
  });

  it("BUNDLE_LENGTH_MISMATCH for a longer or shorter bundle, without hashing it", async () => {
    const { input } = await fixture();
    for (const bundle of [new Uint8Array([...BUNDLE, 0x20]), BUNDLE.slice(0, -1)]) {
      const decision = await checkInstall({ ...input, bundle });
      expectRefused(decision, "bundle_length", "BUNDLE_LENGTH_MISMATCH");
      expect(outcomes(decision).bundle_digest).toBe("skipped");
    }
  });

  it("SIGNATURE_INVALID for any edited field, and nothing from the edited manifest is checked", async () => {
    const { input, manifest, globex } = await fixture();
    const edits = [
      edited(manifest, (m) => (m.version = "1.2.1")),
      edited(manifest, (m) => (m.expiresAt = "2030-01-01T00:00:00Z")),
      edited(manifest, (m) => (m.issuedAt = "2026-05-01T00:00:00Z")),
      edited(manifest, (m) => (m.bundle.sha256 = "0".repeat(64))),
      edited(manifest, (m) => m.egress.push("evil.example.org")),
      edited(manifest, (m) => (m.capabilities = [])),
      edited(manifest, (m) => (m.compatibility.runtime = "*")),
      edited(manifest, (m) => {
        const [tool] = m.tools;
        if (tool !== undefined) tool.sideEffect = "destructive";
      }),
      // Another trusted key's id: the signature no longer verifies under the key it names.
      edited(manifest, (m) => (m.signature.keyId = globex.keyId)),
    ];
    for (const candidate of edits) {
      const decision = await checkInstall({ ...input, manifest: candidate });
      expectRefused(decision, "signature", "SIGNATURE_INVALID");
      for (const name of ["manifest_validity", "bundle_length", "version_order", "capabilities"]) {
        expect(outcomes(decision)[name]).toBe("skipped");
      }
    }
  });

  it("KEY_UNKNOWN for a key id not in the trust store (including an edited signature.keyId)", async () => {
    const { input, manifest } = await fixture();
    const decision = await checkInstall({ ...input, manifest: edited(manifest, (m) => (m.signature.keyId = "acme-0000000000000000")) });
    expectRefused(decision, "key_known", "KEY_UNKNOWN");
    expect(outcomes(decision).signature).toBe("skipped");
    expectRefused(await checkInstall({ ...input, trustStore: { keys: [] } }), "key_known", "KEY_UNKNOWN");
  });

  it("KEY_NAMESPACE_MISMATCH for a trusted key signing outside its publisher", async () => {
    const { input, globex } = await fixture();
    const manifest = await signManifest(unsignedManifest(), globex.privateKey, globex.keyId);
    const decision = await checkInstall({ ...input, manifest });
    expectRefused(decision, "key_namespace", "KEY_NAMESPACE_MISMATCH");
    expect(outcomes(decision).signature).toBe("pass");
  });

  it("KEY_REVOKED for a revoked key, whenever the revocation was made", async () => {
    const { input, acme } = await fixture();
    const revocations = { revokedKeys: [{ keyId: acme.keyId, at: "2030-01-01T00:00:00Z", reason: "leaked" }], revokedVersions: [] };
    expectRefused(await checkInstall({ ...input, revocations }), "key_revoked", "KEY_REVOKED");
  });

  it("KEY_NOT_YET_VALID and KEY_EXPIRED outside the key's window", async () => {
    const { input } = await fixture();
    const early = await testKey(1, "acme", { notBefore: "2026-07-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" });
    expectRefused(await checkInstall({ ...input, trustStore: { keys: [early.trusted] } }), "key_validity", "KEY_NOT_YET_VALID");
    const late = await testKey(1, "acme", { notBefore: "2025-01-01T00:00:00Z", notAfter: "2026-06-02T00:00:00Z" });
    expectRefused(await checkInstall({ ...input, trustStore: { keys: [late.trusted] } }), "key_validity", "KEY_EXPIRED");
  });

  it("VERSION_REVOKED for a revoked version, also when only build metadata differs", async () => {
    const { input } = await fixture();
    const revocations = { revokedKeys: [], revokedVersions: [{ skill: "acme/echo", version: "1.2.0", reason: "bug" }] };
    expectRefused(await checkInstall({ ...input, revocations }), "version_revoked", "VERSION_REVOKED");
    const rebuilt = await fixture({ version: "1.2.0+rebuild.2" });
    expectRefused(await checkInstall({ ...rebuilt.input, revocations }), "version_revoked", "VERSION_REVOKED");
    const other = { revokedKeys: [], revokedVersions: [{ skill: "acme/other", version: "1.2.0", reason: "bug" }] };
    expect((await checkInstall({ ...input, revocations: other })).ok).toBe(true);
  });

  it("MANIFEST_EXPIRED from expiresAt on", async () => {
    const { input } = await fixture();
    expectRefused(await checkInstall({ ...input, now: new Date(EXPIRES_AT) }), "manifest_validity", "MANIFEST_EXPIRED");
    expect((await checkInstall({ ...input, now: new Date(Date.parse(EXPIRES_AT) - 1) })).ok).toBe(true);
  });

  it("MANIFEST_NOT_YET_VALID for an issuedAt beyond the clock-skew allowance", async () => {
    const { input } = await fixture();
    const issued = Date.parse("2026-06-01T00:00:00Z");
    expectRefused(await checkInstall({ ...input, now: new Date(issued - 6 * 60_000) }), "manifest_validity", "MANIFEST_NOT_YET_VALID");
    expect((await checkInstall({ ...input, now: new Date(issued - 4 * 60_000) })).ok).toBe(true);
  });

  it("DOWNGRADE for an older or equal version than the installed one", async () => {
    const { input } = await fixture();
    expectRefused(await checkInstall({ ...input, installedVersion: "1.3.0" }), "version_order", "DOWNGRADE");
    expectRefused(await checkInstall({ ...input, installedVersion: "1.2.0" }), "version_order", "DOWNGRADE");
    expectRefused(await checkInstall({ ...input, installedVersion: "1.2.0+other-build" }), "version_order", "DOWNGRADE");
    expectRefused(await checkInstall({ ...input, installedVersion: "not-semver" }), "version_order", "DOWNGRADE");
  });

  it("RUNTIME_INCOMPATIBLE when the runtime version is outside the range", async () => {
    const { input } = await fixture();
    expectRefused(await checkInstall({ ...input, runtimeVersion: "2.0.0" }), "runtime_compatibility", "RUNTIME_INCOMPATIBLE");
    expectRefused(await checkInstall({ ...input, runtimeVersion: "0.9.0" }), "runtime_compatibility", "RUNTIME_INCOMPATIBLE");
  });

  it("CAPABILITY_NOT_GRANTED when the tenant does not grant a required capability", async () => {
    const { input } = await fixture();
    const decision = await checkInstall({ ...input, grants: ["control-plane.audit"] });
    expectRefused(decision, "capabilities", "CAPABILITY_NOT_GRANTED");
    expect(decision.checks.at(-1)?.detail).toContain("control-plane.core");
  });

  it("reports every failure, not only the first", async () => {
    const { input } = await fixture();
    const decision = await checkInstall({ ...input, installedVersion: "2.0.0", runtimeVersion: "3.0.0", grants: [] });
    expectRefused(decision, "version_order", "DOWNGRADE");
    expect(decision.checks.filter((check) => check.outcome === "fail").map((check) => check.code)).toEqual([
      "DOWNGRADE",
      "RUNTIME_INCOMPATIBLE",
      "CAPABILITY_NOT_GRANTED",
    ]);
  });
});
