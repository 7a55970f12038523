import { sha256Hex } from "../hash.ts";

/** `<publisher>-<16 hex of sha256(public key)>`: derived, so a key id can be recomputed from the key it names. */
export function publisherKeyId(publisher: string, publicKey: Uint8Array): string {
  return `${publisher}-${sha256Hex(publicKey).slice(0, 16)}`;
}
