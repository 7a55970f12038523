import { describe, expect, it } from "vitest";
import { canonical } from "../../engine/canonical.ts";
import { signManifest } from "../../engine/skills/sign.ts";
import { payloadToSign, signedPayload } from "../../engine/skills/signed-payload.ts";
import { verifyManifestSignature } from "../../engine/skills/verify-signature.ts";
import { testKey } from "./support/keys.ts";
import { fixture, unsignedManifest } from "./support/manifests.ts";

describe("signManifest and verifyManifestSignature", () => {
  it("sign the canonical manifest with keyId and alg but without the signature value", async () => {
    const { manifest, acme } = await fixture();
    const { signature, ...fields } = manifest;
    const expected = canonical({ ...fields, signature: { keyId: acme.keyId, alg: "ed25519" } });
    expect(new TextDecoder().decode(signedPayload(manifest))).toBe(expected);
    expect(signedPayload(manifest)).toEqual(payloadToSign(unsignedManifest(), acme.keyId));
    expect(signature).toMatchObject({ keyId: acme.keyId, alg: "ed25519" });
    expect(await verifyManifestSignature(manifest, acme.publicKey)).toBe(true);
  });

  it("are deterministic: the same manifest and key give the same signature", async () => {
    const acme = await testKey(1, "acme");
    const first = await signManifest(unsignedManifest(), acme.privateKey, acme.keyId);
    const second = await signManifest(unsignedManifest(), acme.privateKey, acme.keyId);
    expect(second.signature.value).toBe(first.signature.value);
  });

  it("do not verify with another key", async () => {
    const { manifest, globex } = await fixture();
    expect(await verifyManifestSignature(manifest, globex.publicKey)).toBe(false);
  });

  it("answer false, not an exception, for a malformed key or signature", async () => {
    const { manifest } = await fixture();
    expect(await verifyManifestSignature(manifest, new Uint8Array(31))).toBe(false);
    expect(await verifyManifestSignature(manifest, new Uint8Array(32))).toBe(false);
    expect(await verifyManifestSignature({ ...manifest, signature: { ...manifest.signature, value: "A".repeat(85) } }, new Uint8Array(32))).toBe(false);
  });

  it("refuse to sign an invalid manifest, a bad key id or a wrong-length key", async () => {
    const acme = await testKey(1, "acme");
    await expect(signManifest(unsignedManifest({ skill: "globex/echo" }), acme.privateKey, acme.keyId)).rejects.toThrow();
    await expect(signManifest(unsignedManifest(), acme.privateKey, "acme/key")).rejects.toThrow();
    await expect(signManifest(unsignedManifest(), new Uint8Array(64), acme.keyId)).rejects.toThrow(/32 bytes/);
  });
});
