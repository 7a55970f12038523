import { fromLowerHex } from "./bytes.ts";
import { hmacVerify, importHmacKey } from "./crypto.ts";
import { refused, verified, type VerifyResult } from "./verify-result.ts";

const PREFIX = "sha256=";

/**
 * `X-Hub-Signature-256: sha256=<64 lowercase hex>` over the raw body, the scheme GitHub and Meta
 * share. The header's shape is checked before anything is decoded or computed.
 */
export async function verifyHubSignature256(
  secret: string,
  header: string | null,
  body: Uint8Array<ArrayBuffer>,
): Promise<VerifyResult> {
  if (header === null) return refused("missing_header");
  if (!header.startsWith(PREFIX)) return refused("malformed_header");
  const mac = fromLowerHex(header.slice(PREFIX.length), 32);
  if (mac === undefined) return refused("malformed_header");

  const key = await importHmacKey(secret, "SHA-256");
  return (await hmacVerify(key, mac, body)) ? verified : refused("bad_signature");
}
