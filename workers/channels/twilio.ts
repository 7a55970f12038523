import { toBase64, utf8 } from "./bytes.ts";
import { hmacSign, importHmacKey, sha256Hex, timingSafeEqualBytes } from "./crypto.ts";
import { parseForm } from "./form.ts";
import { refused, verified, type VerifyResult } from "./verify-result.ts";

/** Base64 of a 20-byte HMAC-SHA1: 27 characters and one `=`. */
const SIGNATURE_SHAPE = /^[A-Za-z0-9+/]{27}=$/;
const DEFAULT_PORTS: Record<string, string> = { http: "80", https: "443" };

export interface TwilioSignedRequest {
  authToken: string;
  /** The full public URL Twilio requested, including its query string. */
  url: string;
  /** `X-Twilio-Signature` */
  signature: string | null;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * Dispatches like twilio-node: a URL carrying `bodySHA256` means a JSON body signed by digest,
 * anything else is a form whose parameters are signed.
 */
export async function verifyTwilioRequest(req: TwilioSignedRequest): Promise<VerifyResult> {
  const digest = bodySha256Param(req.url);
  if (digest === "malformed_url") return refused("malformed_url");
  if (digest !== undefined) return verifyTwilioBody(req);
  return verifyTwilioParams({ ...req, params: parseForm(req.body) });
}

export interface TwilioSignedParams {
  authToken: string;
  url: string;
  signature: string | null;
  params: Iterable<readonly [string, string]>;
}

/** Base64 HMAC-SHA1 over the URL followed by every parameter name and value, sorted. */
export async function verifyTwilioParams(req: TwilioSignedParams): Promise<VerifyResult> {
  if (req.signature === null) return refused("missing_header");
  if (!SIGNATURE_SHAPE.test(req.signature)) return refused("malformed_header");
  const urls = twilioUrlVariants(req.url);
  if (urls === undefined) return refused("malformed_url");

  const key = await importHmacKey(req.authToken, "SHA-1");
  const presented = utf8(req.signature);
  const suffix = twilioParamString(req.params);
  let matched = false;
  for (const url of urls) {
    const expected = utf8(toBase64(await hmacSign(key, utf8(url + suffix))));
    matched = timingSafeEqualBytes(expected, presented) || matched;
  }
  return matched ? verified : refused("bad_signature");
}

/** JSON bodies: the signature covers the URL (with its `bodySHA256`), and the body must hash to that value. */
export async function verifyTwilioBody(req: TwilioSignedRequest): Promise<VerifyResult> {
  const declared = bodySha256Param(req.url);
  if (declared === "malformed_url") return refused("malformed_url");
  if (declared === undefined || !/^[0-9a-f]{64}$/.test(declared)) return refused("malformed_url");

  const signature = await verifyTwilioParams({ ...req, params: [] });
  if (!signature.ok) return signature;
  const actual = await sha256Hex(req.body);
  return timingSafeEqualBytes(utf8(actual), utf8(declared)) ? verified : refused("body_digest_mismatch");
}

/**
 * What twilio-node appends to the URL: names in sort order, each followed by its value; a
 * repeated name contributes each distinct value once, in sort order.
 */
export function twilioParamString(params: Iterable<readonly [string, string]>): string {
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of params) {
    const values = byName.get(name) ?? new Set<string>();
    values.add(value);
    byName.set(name, values);
  }
  let out = "";
  for (const name of [...byName.keys()].sort()) {
    for (const value of [...(byName.get(name) ?? [])].sort()) out += name + value;
  }
  return out;
}

/**
 * The URL as given plus its twin with the default port written out or removed: Twilio signs
 * whichever form its configuration holds, and its SDKs accept both.
 */
export function twilioUrlVariants(url: string): string[] | undefined {
  const match = /^(https?):\/\/([^/?#]*)(.*)$/is.exec(url);
  if (match === null) return undefined;
  const [, scheme = "", authority = "", rest = ""] = match;
  const defaultPort = DEFAULT_PORTS[scheme.toLowerCase()];
  const at = authority.lastIndexOf("@");
  const userinfo = authority.slice(0, at + 1);
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority.slice(at + 1));
  if (hostPort === null || defaultPort === undefined) return undefined;
  const [, host = "", port] = hostPort;
  if (host.length === 0) return undefined;
  if (port === undefined) return [url, `${scheme}://${userinfo}${host}:${defaultPort}${rest}`];
  if (port === defaultPort) return [url, `${scheme}://${userinfo}${host}${rest}`];
  return [url];
}

function bodySha256Param(url: string): string | undefined | "malformed_url" {
  try {
    return new URL(url).searchParams.get("bodySHA256") ?? undefined;
  } catch {
    return "malformed_url";
  }
}
