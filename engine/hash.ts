import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { canonical } from "./canonical.ts";

/** Lower-case hex SHA-256; strings are hashed as UTF-8. Synchronous so pure code can use it. */
export function sha256Hex(input: string | Uint8Array): string {
  return bytesToHex(sha256(typeof input === "string" ? utf8ToBytes(input) : input));
}

/** SHA-256 of the canonical JSON of `value`: the identity of a value across processes and time. */
export function digestOf(value: unknown): string {
  return sha256Hex(canonical(value));
}

export const ZERO_HASH = "0".repeat(64);
