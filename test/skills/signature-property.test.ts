import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromBase64Url, toBase64Url } from "../../engine/skills/base64url.ts";
import { signedPayload } from "../../engine/skills/signed-payload.ts";
import { verifyManifestSignature, verifyPayload } from "../../engine/skills/verify-signature.ts";
import { fixture } from "./support/manifests.ts";

function flip(bytes: Uint8Array, index: number, mask: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] ?? 0) ^ mask;
  return copy;
}

describe("a single flipped byte breaks verification", () => {
  it("anywhere in the canonical signed payload", async () => {
    const { manifest, acme } = await fixture();
    const payload = signedPayload(manifest);
    const signature = fromBase64Url(manifest.signature.value) ?? new Uint8Array();
    expect(await verifyPayload(payload, signature, acme.publicKey)).toBe(true);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: payload.length - 1 }), fc.integer({ min: 1, max: 255 }), async (index, mask) => {
        expect(await verifyPayload(flip(payload, index, mask), signature, acme.publicKey)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it("anywhere in the signature, as carried in the manifest", async () => {
    const { manifest, acme } = await fixture();
    const signature = fromBase64Url(manifest.signature.value) ?? new Uint8Array();
    expect(signature.length).toBe(64);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 63 }), fc.integer({ min: 1, max: 255 }), async (index, mask) => {
        const value = toBase64Url(flip(signature, index, mask));
        expect(await verifyManifestSignature({ ...manifest, signature: { ...manifest.signature, value } }, acme.publicKey)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
