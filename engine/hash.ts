import { createHash } from "node:crypto";
import { canonical } from "./canonical.ts";

/**
 * Lower-case hex SHA-256; strings are hashed as UTF-8. Synchronous so pure code can use it. `node:crypto`
 * (native in workerd under nodejs_compat, and in Node) rather than a JS implementation: every trace
 * event, plan and payload is hashed, and the JS one was a measurable share of an execution's CPU.
 */
export function sha256Hex(input: string | Uint8Array): string {
  return createHash("sha256").update(input).digest("hex");
}

/** SHA-256 of the canonical JSON of `value`: the identity of a value across processes and time. */
export function digestOf(value: unknown): string {
  return sha256Hex(canonical(value));
}

export const ZERO_HASH = "0".repeat(64);
