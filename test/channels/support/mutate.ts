import fc from "fast-check";

/** Printable ASCII, the alphabet of every header and URL we sign. */
const PRINTABLE = { min: 0x20, max: 0x7e };

/** Replaces the character at `index` (mod length) by a different printable one. */
export function mutateChar(text: string, index: number, replacement: number): string {
  const i = index % text.length;
  const current = text.charCodeAt(i);
  let code = PRINTABLE.min + (replacement % (PRINTABLE.max - PRINTABLE.min + 1));
  if (code === current) code = code === PRINTABLE.max ? PRINTABLE.min : code + 1;
  return text.slice(0, i) + String.fromCharCode(code) + text.slice(i + 1);
}

/** Flips bits of the byte at `index` (mod length); `xor` is never zero, so the byte always changes. */
export function mutateByte(bytes: Uint8Array<ArrayBuffer>, index: number, xor: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes);
  const i = index % out.length;
  out[i] = (out[i] ?? 0) ^ xor;
  return out;
}

export const arb = {
  secret: fc.string({ minLength: 1, maxLength: 48 }),
  body: fc.uint8Array({ minLength: 1, maxLength: 600 }).map((b) => new Uint8Array(b)),
  index: fc.nat(),
  xor: fc.integer({ min: 1, max: 255 }),
  char: fc.nat({ max: 0x5e }),
};
