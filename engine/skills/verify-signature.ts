import { verifyAsync } from "@noble/ed25519";
import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import { fromBase64Url } from "./base64url.ts";
import { signedPayload } from "./signed-payload.ts";

/**
 * Strict RFC 8032 verification (`zip215: false`): non-canonical point encodings and small-order
 * keys are refused, so a signature binds one key and one message. Malformed input is `false`.
 */
export async function verifyPayload(payload: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return await verifyAsync(signature, payload, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export async function verifyManifestSignature(manifest: SkillManifest, publicKey: Uint8Array): Promise<boolean> {
  const signature = fromBase64Url(manifest.signature.value);
  if (signature === undefined) return false;
  return verifyPayload(signedPayload(manifest), signature, publicKey);
}
