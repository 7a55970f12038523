import { fromBase64Url, toBase64Url } from "../../engine/skills/base64url.ts";
import type { Keyring } from "./keyring.ts";

const VERSION = "v1";

export class CredentialOpenError extends Error {
  override readonly name = "CredentialOpenError";
}

/**
 * AES-256-GCM with a fresh 96-bit IV. `context` (tenant and what the credential is for) is authenticated
 * data: a sealed value copied into another tenant's row or another server's does not open there.
 * Result: `v1.<keyId>.<iv>.<ciphertext>` (base64url), so the key that sealed it is known at open time.
 */
export async function sealCredential(keyring: Keyring, plaintext: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(context) },
    keyring.current.key,
    new TextEncoder().encode(plaintext),
  );
  return [VERSION, keyring.current.keyId, toBase64Url(iv), toBase64Url(new Uint8Array(sealed))].join(".");
}

/** The key id a sealed value names, to tell which values still need sealing again after a rotation. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split(".");
  return parts.length === 4 && parts[0] === VERSION ? parts[1] : undefined;
}

export async function openCredential(keyring: Keyring, sealed: string, context: string): Promise<string> {
  const [version, keyId, ivText, dataText, ...rest] = sealed.split(".");
  const iv = ivText === undefined ? undefined : fromBase64Url(ivText);
  const data = dataText === undefined ? undefined : fromBase64Url(dataText);
  if (version !== VERSION || rest.length > 0 || iv === undefined || iv.length !== 12 || data === undefined) {
    throw new CredentialOpenError("not a sealed credential");
  }
  const key = keyId === undefined ? undefined : keyring.byId.get(keyId);
  if (key === undefined) throw new CredentialOpenError(`credential sealed with key ${keyId ?? "?"}, which CREDENTIALS_KEY no longer holds`);
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(context) }, key.key, data);
    return new TextDecoder().decode(plain);
  } catch {
    throw new CredentialOpenError("the credential does not open: tampered, or sealed for another context");
  }
}
