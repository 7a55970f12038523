import { signAsync } from "@noble/ed25519";
import { SkillManifest, UnsignedSkillManifest } from "../../contracts/skills/manifest.ts";
import { PublisherKeyId } from "../../contracts/skills/names.ts";
import { toBase64Url } from "./base64url.ts";
import { payloadToSign } from "./signed-payload.ts";

/**
 * Signs a manifest with a 32-byte Ed25519 private key. Throws on an invalid manifest or key id:
 * signing something that would never verify is a mistake to surface, not a result to return.
 */
export async function signManifest(unsigned: UnsignedSkillManifest, privateKey: Uint8Array, keyId: string): Promise<SkillManifest> {
  const fields = UnsignedSkillManifest.parse(unsigned);
  return SkillManifest.parse({ ...fields, signature: await signatureOver(fields, privateKey, keyId) });
}

/** The `signature` member for already-validated fields (skill and upstream MCP manifests share the rule). */
export async function signatureOver(fields: object, privateKey: Uint8Array, keyId: string): Promise<{ keyId: string; alg: "ed25519"; value: string }> {
  const id = PublisherKeyId.parse(keyId);
  if (privateKey.length !== 32) throw new TypeError(`an Ed25519 private key is 32 bytes, got ${privateKey.length}`);
  const signature = await signAsync(payloadToSign(fields, id), privateKey);
  return { keyId: id, alg: "ed25519", value: toBase64Url(signature) };
}
