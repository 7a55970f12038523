import { beforeAll, describe, expect, it } from "vitest";
import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";
import { bundleOf, install, installed, instant, registryTrace, signedFor, trust } from "./support/api-skills.ts";
import { testKey, type TestKey } from "./support/keys.ts";
import { edited } from "./support/manifests.ts";

const BUNDLE = bundleOf('export default { fetch() { return Response.json({ text: "hi" }); } };\n');

let admin: Admin;
let acme: TestKey;
let globex: TestKey;
let good: SkillManifest;

beforeAll(async () => {
  admin = await bootstrap("skills-refusals");
  acme = await testKey(1, "acme");
  globex = await testKey(2, "globex");
  for (const key of [acme, globex]) expect((await trust(admin, key.trusted)).status).toBe(201);
  good = await signedFor(acme, BUNDLE);
});

async function refused(manifest: unknown, bundle: Uint8Array, status: number, code: string) {
  const res = await install(admin.key, manifest, bundle);
  const body = await problem(res);
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  // The full report rides along in the problem's errors, one entry per check.
  expect(body.errors?.some((e) => e.message.startsWith(`fail ${code}`))).toBe(true);
  return body;
}

describe("skill.install refuses, each failure with its own code", () => {
  it("a flipped byte in the bundle: BUNDLE_DIGEST_MISMATCH", async () => {
    const flipped = BUNDLE.slice();
    flipped[3] = (flipped[3] ?? 0) ^ 0x01;
    await refused(good, flipped, 422, "BUNDLE_DIGEST_MISMATCH");
  });

  it("a bundle of another length: BUNDLE_LENGTH_MISMATCH", async () => {
    await refused(good, bundleOf("export default {};\n"), 422, "BUNDLE_LENGTH_MISMATCH");
  });

  it("an edited manifest field: SIGNATURE_INVALID", async () => {
    await refused(edited(good, (m) => (m.description = "something else")), BUNDLE, 422, "SIGNATURE_INVALID");
  });

  it("an edited expiry: SIGNATURE_INVALID", async () => {
    await refused(edited(good, (m) => (m.expiresAt = instant(Date.now() + 900 * 86_400_000))), BUNDLE, 422, "SIGNATURE_INVALID");
  });

  it("a key id edited to another trusted key: SIGNATURE_INVALID", async () => {
    await refused(edited(good, (m) => (m.signature.keyId = globex.keyId)), BUNDLE, 422, "SIGNATURE_INVALID");
  });

  it("a key id edited to an unknown one: KEY_UNKNOWN", async () => {
    await refused(edited(good, (m) => (m.signature.keyId = "acme-0000000000000000")), BUNDLE, 422, "KEY_UNKNOWN");
  });

  it("a key the tenant never trusted: KEY_UNKNOWN", async () => {
    const stranger = await testKey(9, "acme");
    await refused(await signedFor(stranger, BUNDLE), BUNDLE, 422, "KEY_UNKNOWN");
  });

  it("a key used outside its namespace: KEY_NAMESPACE_MISMATCH", async () => {
    await refused(await signedFor(globex, BUNDLE), BUNDLE, 422, "KEY_NAMESPACE_MISMATCH");
  });

  it("a key outside its validity window: KEY_EXPIRED", async () => {
    const lapsed = await testKey(8, "lapsed", { notBefore: "2025-01-01T00:00:00Z", notAfter: "2025-06-01T00:00:00Z" });
    expect((await trust(admin, lapsed.trusted)).status).toBe(201);
    await refused(await signedFor(lapsed, BUNDLE, { skill: "lapsed/thing", publisher: "lapsed" }), BUNDLE, 422, "KEY_EXPIRED");
  });

  it("an expired manifest: MANIFEST_EXPIRED", async () => {
    const expired = await signedFor(acme, BUNDLE, { issuedAt: instant(Date.now() - 10 * 86_400_000), expiresAt: instant(Date.now() - 86_400_000) });
    await refused(expired, BUNDLE, 422, "MANIFEST_EXPIRED");
  });

  it("an incompatible runtime range: RUNTIME_INCOMPATIBLE", async () => {
    await refused(await signedFor(acme, BUNDLE, { compatibility: { runtime: "^2.0.0" } }), BUNDLE, 422, "RUNTIME_INCOMPATIBLE");
  });

  it("a capability the installing key does not hold: CAPABILITY_NOT_GRANTED", async () => {
    const registryOnly = await call("POST", "/v1/keys", { key: admin.key, body: { name: "registry", capabilities: ["control-plane.skill-registry"] } });
    const { key } = (await registryOnly.json()) as { key: string };
    const needsCore = await signedFor(acme, BUNDLE, { skill: "acme/needs-core", capabilities: ["control-plane.core"] });
    const res = await install(key, needsCore, BUNDLE);
    expect({ status: res.status, code: (await problem(res)).code }).toEqual({ status: 422, code: "CAPABILITY_NOT_GRANTED" });
  });

  it("a downgrade, or the same version again: DOWNGRADE (409)", async () => {
    await installed(admin.key, await signedFor(acme, BUNDLE, { skill: "acme/versions", version: "2.0.0" }), BUNDLE);
    await refused(await signedFor(acme, BUNDLE, { skill: "acme/versions", version: "1.9.9" }), BUNDLE, 409, "DOWNGRADE");
    await refused(await signedFor(acme, BUNDLE, { skill: "acme/versions", version: "2.0.0" }), BUNDLE, 409, "DOWNGRADE");
  });

  it("a revoked key: KEY_REVOKED, and a revoked version: VERSION_REVOKED", async () => {
    const revoker = await testKey(7, "revoked");
    expect((await trust(admin, revoker.trusted)).status).toBe(201);
    const res = await call("POST", `/v1/trusted-keys/${revoker.keyId}/revoke`, { key: admin.key, body: { reason: "leaked" } });
    expect(res.status).toBe(200);
    await refused(await signedFor(revoker, BUNDLE, { skill: "revoked/thing", publisher: "revoked" }), BUNDLE, 422, "KEY_REVOKED");

    const withdraw = await call("POST", "/v1/skill-revocations", { key: admin.key, body: { skill: "acme/bad", version: "1.0.0", reason: "broken" } });
    expect(withdraw.status).toBe(201);
    await refused(await signedFor(acme, BUNDLE, { skill: "acme/bad", version: "1.0.0" }), BUNDLE, 422, "VERSION_REVOKED");
  });

  it("traces every refusal as controlPlane.skill.rejected on a valid registry chain", async () => {
    const trace = await registryTrace(admin);
    expect(trace.valid).toBe(true);
    const rejected = trace.events.filter((e) => e.type === "controlPlane.skill.rejected");
    const codes = rejected.map((e) => (e.payload.firstFailure as { code: string }).code);
    for (const code of ["BUNDLE_DIGEST_MISMATCH", "SIGNATURE_INVALID", "KEY_UNKNOWN", "KEY_NAMESPACE_MISMATCH", "MANIFEST_EXPIRED", "DOWNGRADE", "KEY_REVOKED", "VERSION_REVOKED"]) {
      expect(codes).toContain(code);
    }
  });

  it("nothing refused was installed", async () => {
    const res = await call("GET", "/v1/skills", { key: admin.key });
    const body = (await res.json()) as { items: { skill: string; version: string }[] };
    expect(body.items.map((s) => `${s.skill}@${s.version}`)).toEqual(["acme/versions@2.0.0"]);
  });
});
