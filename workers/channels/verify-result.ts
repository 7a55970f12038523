/** Why a webhook was refused. For logs and tests only: clients always see the same 401. */
export type VerifyFailure =
  | "missing_header"
  | "malformed_header"
  | "unsupported_version"
  | "unsupported_algorithm"
  | "stale_timestamp"
  | "bad_signature"
  | "body_digest_mismatch"
  | "malformed_url";

export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

export const verified: VerifyResult = { ok: true };

export function refused(reason: VerifyFailure): VerifyResult {
  return { ok: false, reason };
}
