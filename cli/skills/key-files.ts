import { getPublicKeyAsync } from "@noble/ed25519";
import { z } from "zod";
import { base64UrlOfLength, Ed25519PublicKey, PublisherId, PublisherKeyId } from "../../contracts/skills/names.ts";
import { fromBase64Url, toBase64Url } from "../../engine/skills/base64url.ts";
import { publisherKeyId } from "../../engine/skills/key-id.ts";

/** `<keyId>.pub.json`: what a publisher hands to tenants to add to their trust store. */
export const PublicKeyFile = z.strictObject({ keyId: PublisherKeyId, publisher: PublisherId, publicKey: Ed25519PublicKey });
export type PublicKeyFile = z.infer<typeof PublicKeyFile>;

/** `<keyId>.key`: the 32-byte Ed25519 seed, with the public half so a mismatch is caught before signing. */
export const PrivateKeyFile = PublicKeyFile.extend({ privateKey: base64UrlOfLength(32) });
export type PrivateKeyFile = z.infer<typeof PrivateKeyFile>;

export function keyFiles(publisher: string, secretKey: Uint8Array, publicKey: Uint8Array): { public: PublicKeyFile; private: PrivateKeyFile } {
  const pub = PublicKeyFile.parse({ keyId: publisherKeyId(publisher, publicKey), publisher, publicKey: toBase64Url(publicKey) });
  return { public: pub, private: { ...pub, privateKey: toBase64Url(secretKey) } };
}

export interface SigningKey {
  keyId: string;
  publisher: string;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

export type SigningKeyResult = { ok: true; key: SigningKey } | { ok: false; error: string };

/** Reads a private key file and proves it whole: the seed yields the stated public key, which yields the key id. */
export async function readSigningKey(file: unknown): Promise<SigningKeyResult> {
  const parsed = PrivateKeyFile.safeParse(file);
  if (!parsed.success) {
    return { ok: false, error: `not a private key file (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})` };
  }
  const { keyId, publisher, publicKey, privateKey } = parsed.data;
  const seed = fromBase64Url(privateKey);
  if (seed === undefined) return { ok: false, error: "privateKey is not base64url" };
  const derived = await getPublicKeyAsync(seed);
  if (toBase64Url(derived) !== publicKey) return { ok: false, error: "the private key does not match the publicKey in the file" };
  if (publisherKeyId(publisher, derived) !== keyId) return { ok: false, error: `keyId ${keyId} does not match the key and publisher` };
  return { ok: true, key: { keyId, publisher, privateKey: seed, publicKey: derived } };
}
