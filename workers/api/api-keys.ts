/**
 * API keys look like `cpk_<8 hex prefix>_<43 base64url secret>`. The prefix is stored in clear to find
 * the row and to let people recognise a key; only the SHA-256 of the whole key is stored.
 */
const KEY_PATTERN = /^(cpk_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export interface MintedKey {
  key: string;
  prefix: string;
  hash: string;
}

export async function mintApiKey(): Promise<MintedKey> {
  const prefixBytes = crypto.getRandomValues(new Uint8Array(4));
  const secretBytes = crypto.getRandomValues(new Uint8Array(32));
  const prefix = `cpk_${toHex(prefixBytes)}`;
  const key = `${prefix}_${toBase64Url(secretBytes)}`;
  return { key, prefix, hash: await sha256Hex(key) };
}

/** The prefix of a well-formed key, or undefined for anything else. */
export function keyPrefix(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

/** Constant-time equality of two hex digests of the same length. */
export function digestsEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  if (left.byteLength !== right.byteLength) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}
