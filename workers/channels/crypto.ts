import { toHex, utf8 } from "./bytes.ts";

export type HmacHash = "SHA-1" | "SHA-256";

/** Imported once per isolate: every webhook is verified with one of a handful of configured secrets. */
const hmacKeys = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED_KEYS = 32;

export function importHmacKey(secret: string, hash: HmacHash): Promise<CryptoKey> {
  const id = `${hash}:${secret}`;
  const cached = hmacKeys.get(id);
  if (cached !== undefined) return cached;
  if (hmacKeys.size >= MAX_CACHED_KEYS) hmacKeys.clear();
  const key = crypto.subtle.importKey("raw", utf8(secret), { name: "HMAC", hash }, false, ["sign", "verify"]);
  hmacKeys.set(id, key);
  // A failed import is not remembered.
  void key.catch(() => {
    hmacKeys.delete(id);
  });
  return key;
}

/** Constant-time inside Web Crypto: the MAC is recomputed and compared without early exit. */
export function hmacVerify(key: CryptoKey, mac: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  return crypto.subtle.verify("HMAC", key, mac, data);
}

export async function hmacSign(key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, data));
}

export async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", data));
}

export async function sha256Hex(data: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await sha256(data));
}

/** Lengths here are public (fixed-size digests, encodings of them); only the contents are secret. */
export function timingSafeEqualBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return crypto.subtle.timingSafeEqual(a, b);
}

/** For secrets of any length (verify tokens): hashing first makes the buffers equal-length and hides the length. */
export async function timingSafeEqualText(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([sha256(utf8(a)), sha256(utf8(b))]);
  return crypto.subtle.timingSafeEqual(da, db);
}
