import { CONFIRMATION_CODE_ALPHABET, CONFIRMATION_CODE_LENGTH } from "../../contracts/common/plan-confirmation-controls.ts";
import { sha256Hex } from "../hash.ts";

/**
 * The short code a requester types to confirm or cancel a plan where buttons are not offered (GitHub, Twilio):
 * derived from the execution and the digest of the plan shown, so the same plan always shows the same code and a
 * changed plan another one. Not a secret: only the requester's confirmation counts, whoever types it.
 */
export function confirmationCode(executionId: string, planDigest: string): string {
  const hex = sha256Hex(`control-plane.plan-confirmation:${executionId}:${planDigest}`);
  // 40 bits, 5 bits a character.
  let bits = BigInt(`0x${hex.slice(0, 10)}`);
  let code = "";
  for (let i = 0; i < CONFIRMATION_CODE_LENGTH; i++) {
    code = (CONFIRMATION_CODE_ALPHABET[Number(bits & 31n)] ?? "0") + code;
    bits >>= 5n;
  }
  return code;
}
