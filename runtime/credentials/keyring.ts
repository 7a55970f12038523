import { fromBase64Url } from "../../engine/skills/base64url.ts";

/** One AES-256 key of the credentials keyring, known by the id sealed values name. */
export interface CredentialKey {
  keyId: string;
  key: CryptoKey;
}

/** The key new values are sealed with, and every key that may still open an older value. */
export interface Keyring {
  current: CredentialKey;
  byId: ReadonlyMap<string, CredentialKey>;
}

export class CredentialsKeyError extends Error {
  override readonly name = "CredentialsKeyError";
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses `CREDENTIALS_KEY`: `<keyId>:<base64url of 32 bytes>`, several separated by commas, the first
 * being the key new values are sealed with. Rotation: put the new key first and keep the old one after it
 * until every stored value has been sealed again.
 */
export async function keyringFrom(secret: string | undefined): Promise<Keyring> {
  if (secret === undefined || secret.trim() === "") throw new CredentialsKeyError("CREDENTIALS_KEY is not set");
  const keys: CredentialKey[] = [];
  for (const entry of secret.split(",").map((e) => e.trim())) {
    const [keyId = "", material = "", ...rest] = entry.split(":");
    const bytes = fromBase64Url(material);
    if (!KEY_ID.test(keyId) || rest.length > 0 || bytes === undefined || bytes.length !== 32) {
      throw new CredentialsKeyError("CREDENTIALS_KEY entries are <keyId>:<base64url of 32 bytes>");
    }
    if (keys.some((k) => k.keyId === keyId)) throw new CredentialsKeyError(`CREDENTIALS_KEY names key id ${keyId} twice`);
    keys.push({ keyId, key: await crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]) });
  }
  const [current] = keys;
  if (current === undefined) throw new CredentialsKeyError("CREDENTIALS_KEY holds no key");
  return { current, byId: new Map(keys.map((k) => [k.keyId, k])) };
}
