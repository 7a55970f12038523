const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encoder.encode(text));
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/** Strict: lowercase only and an exact length, so one signature has exactly one spelling. */
export function fromLowerHex(hex: string, byteLength: number): Uint8Array<ArrayBuffer> | undefined {
  if (hex.length !== byteLength * 2 || !/^[0-9a-f]*$/.test(hex)) return undefined;
  const out = new Uint8Array(byteLength);
  for (let i = 0; i < byteLength; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
