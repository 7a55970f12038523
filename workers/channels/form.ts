import { fromUtf8 } from "./bytes.ts";

/**
 * application/x-www-form-urlencoded, as providers send it. URLSearchParams drops one leading
 * `?` from a string; a leading `&` keeps that byte significant, so `?a=1` and `a=1` differ.
 */
export function parseForm(body: Uint8Array): URLSearchParams {
  return new URLSearchParams(`&${fromUtf8(body)}`);
}
