import type { SkillBundleRef } from "../../contracts/skills/manifest.ts";
import { sha256Hex } from "../hash.ts";
import { fail, pass, type CheckOutcome } from "./outcome.ts";

/** Length first: it costs nothing and refuses an oversized or truncated upload before it is hashed. */
export function checkBundleLength(ref: SkillBundleRef, bytes: Uint8Array): CheckOutcome<"BUNDLE_LENGTH_MISMATCH"> {
  if (bytes.length !== ref.length) {
    return fail("BUNDLE_LENGTH_MISMATCH", `the bundle is ${bytes.length} bytes; the manifest says ${ref.length}`);
  }
  return pass(`${bytes.length} bytes`);
}

export function checkBundleDigest(ref: SkillBundleRef, bytes: Uint8Array): CheckOutcome<"BUNDLE_DIGEST_MISMATCH"> {
  const digest = sha256Hex(bytes);
  if (digest !== ref.sha256) {
    return fail("BUNDLE_DIGEST_MISMATCH", `the bundle's sha256 is ${digest}; the manifest says ${ref.sha256}`);
  }
  return pass(`sha256 ${digest}`);
}

export type BundleLoadCheck =
  | { ok: true }
  | { ok: false; code: "BUNDLE_LENGTH_MISMATCH" | "BUNDLE_DIGEST_MISMATCH"; detail: string };

/**
 * Before every run: the bytes fetched from storage must still be the bytes the verified manifest
 * names, so a bundle swapped after install is refused. `manifest` must be one install verified.
 */
export function checkBundleAtLoad(manifest: { bundle: SkillBundleRef }, bytes: Uint8Array): BundleLoadCheck {
  for (const check of [checkBundleLength, checkBundleDigest]) {
    const result = check(manifest.bundle, bytes);
    if (result.outcome === "fail") return { ok: false, code: result.code, detail: result.detail };
  }
  return { ok: true };
}
