import { fromLowerHex, utf8 } from "./bytes.ts";
import { hmacVerify, importHmacKey } from "./crypto.ts";
import { refused, verified, type VerifyResult } from "./verify-result.ts";

/** Slack's documented replay window, applied both ways so a clock ahead of ours buys nothing. */
export const SLACK_MAX_SKEW_SECONDS = 300;

export interface SlackSignedRequest {
  signingSecret: string;
  /** `X-Slack-Signature`, e.g. `v0=a2114d…` */
  signature: string | null;
  /** `X-Slack-Request-Timestamp`, Unix seconds */
  timestamp: string | null;
  body: Uint8Array<ArrayBuffer>;
  /** Unix seconds; injected so the verifier stays pure. */
  now: number;
}

/** Slack request signing v0: HMAC-SHA256 of `v0:{timestamp}:{raw body}`, hex. */
export async function verifySlackSignature(req: SlackSignedRequest): Promise<VerifyResult> {
  if (req.signature === null || req.timestamp === null) return refused("missing_header");
  if (!/^\d{1,12}$/.test(req.timestamp)) return refused("malformed_header");

  const separator = req.signature.indexOf("=");
  if (separator < 0) return refused("malformed_header");
  if (req.signature.slice(0, separator) !== "v0") return refused("unsupported_version");
  const mac = fromLowerHex(req.signature.slice(separator + 1), 32);
  if (mac === undefined) return refused("malformed_header");

  if (Math.abs(req.now - Number(req.timestamp)) > SLACK_MAX_SKEW_SECONDS) return refused("stale_timestamp");

  const prefix = utf8(`v0:${req.timestamp}:`);
  const basestring = new Uint8Array(prefix.byteLength + req.body.byteLength);
  basestring.set(prefix, 0);
  basestring.set(req.body, prefix.byteLength);

  const key = await importHmacKey(req.signingSecret, "SHA-256");
  return (await hmacVerify(key, mac, basestring)) ? verified : refused("bad_signature");
}
