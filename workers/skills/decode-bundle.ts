import { fromBase64 } from "../../engine/skills/base64url.ts";
import { ProblemError } from "../api/problem.ts";

/** The contract validated the base64 already; a failure here means the two decoders disagree. */
export function decodeBundle(base64: string): Uint8Array {
  const bytes = fromBase64(base64);
  if (bytes === undefined) throw new ProblemError(400, "VALIDATION_FAILED", "The bundle is not base64.", [{ path: "bundle", message: "not base64" }]);
  return bytes;
}
