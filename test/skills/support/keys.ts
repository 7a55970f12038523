import { getPublicKeyAsync } from "@noble/ed25519";
import type { TrustedPublisherKey } from "../../../contracts/skills/trust.ts";
import { toBase64Url } from "../../../engine/skills/base64url.ts";
import { publisherKeyId } from "../../../engine/skills/key-id.ts";

export interface TestKey {
  keyId: string;
  publisher: string;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
  trusted: TrustedPublisherKey;
}

/** Deterministic test keys: the seed is one repeated byte, so every run signs the same bytes. */
export async function testKey(seedByte: number, publisher: string, validity?: { notBefore: string; notAfter: string }): Promise<TestKey> {
  const privateKey = new Uint8Array(32).fill(seedByte);
  const publicKey = await getPublicKeyAsync(privateKey);
  const keyId = publisherKeyId(publisher, publicKey);
  return {
    keyId,
    publisher,
    privateKey,
    publicKey,
    trusted: {
      keyId,
      publisher,
      publicKey: toBase64Url(publicKey),
      notBefore: validity?.notBefore ?? "2026-01-01T00:00:00Z",
      notAfter: validity?.notAfter ?? "2028-01-01T00:00:00Z",
    },
  };
}
