import { toBase64, utf8 } from "./bytes.ts";
import { type HmacHash, hmacSign, importHmacKey, sha256Hex, timingSafeEqualBytes } from "./crypto.ts";
import { parseForm } from "./form.ts";
import { refused, verified, type VerifyResult } from "./verify-result.ts";

const DEFAULT_PORTS: Record<string, string> = { http: "80", https: "443" };

/** The algorithms twilio-node knows, with the shape of their base64 MAC (20 or 32 bytes, one `=` of padding). */
const ALGORITHMS: Record<string, { hash: HmacHash; shape: RegExp }> = {
  HMAC_SHA1: { hash: "SHA-1", shape: /^[A-Za-z0-9+/]{27}=$/ },
  HMAC_SHA256: { hash: "SHA-256", shape: /^[A-Za-z0-9+/]{43}=$/ },
};

export interface TwilioSignedRequest {
  authToken: string;
  /** The secret of the SharedKey a Twilio Webhooks Rule signs with, when one is configured. */
  sharedKeySecret?: string;
  /** The full public URL Twilio requested, including its query string. */
  url: string;
  /** `X-Twilio-Signature` */
  signature: string | null;
  /** `X-Twilio-Webhooks-Signature-Settings`, e.g. `key=webhooks_sharedkey_…,algorithm=HMAC_SHA256`; absent: HMAC-SHA1. */
  settings?: string | null;
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
  sharedKeySecret?: string;
  url: string;
  signature: string | null;
  settings?: string | null;
  params: Iterable<readonly [string, string]>;
}

/**
 * Base64 HMAC over the URL followed by every parameter name and value, sorted. As twilio-node's
 * `webhook()`: without a settings header, HMAC-SHA1 keyed by the auth token; with one, the
 * algorithm it names (HMAC_SHA1 when it names none), keyed by the SharedKey secret. The auth token
 * is tried there too: `validateRequest(authToken, …, algorithm)` accepts it, and it is no less secret.
 */
export async function verifyTwilioParams(req: TwilioSignedParams): Promise<VerifyResult> {
  if (req.signature === null) return refused("missing_header");
  const settings = req.settings ?? null;
  const withSettings = settings !== null && settings.length > 0;
  const algorithm = ALGORITHMS[twilioSignatureAlgorithm(settings).toUpperCase()];
  if (algorithm === undefined) return refused("unsupported_algorithm");
  if (!algorithm.shape.test(req.signature)) return refused("malformed_header");
  const urls = twilioUrlVariants(req.url);
  if (urls === undefined) return refused("malformed_url");

  const secrets = withSettings && req.sharedKeySecret !== undefined ? [req.sharedKeySecret, req.authToken] : [req.authToken];
  const presented = utf8(req.signature);
  const suffix = twilioParamString(req.params);
  let matched = false;
  for (const secret of secrets) {
    const key = await importHmacKey(secret, algorithm.hash);
    for (const url of urls) {
      const expected = utf8(toBase64(await hmacSign(key, utf8(url + suffix))));
      matched = timingSafeEqualBytes(expected, presented) || matched;
    }
  }
  return matched ? verified : refused("bad_signature");
}

/**
 * twilio-node's `getSignatureAlgorithm`: the first non-empty `algorithm=` among the header's
 * comma-separated parts; a missing header, or one naming none, means the legacy HMAC_SHA1.
 */
export function twilioSignatureAlgorithm(settings: string | null): string {
  for (const part of (settings ?? "").split(",")) {
    const separator = part.indexOf("=");
    if (separator < 0 || part.slice(0, separator).trim() !== "algorithm") continue;
    const algorithm = part.slice(separator + 1).trim();
    if (algorithm.length > 0) return algorithm;
  }
  return "HMAC_SHA1";
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

/** What the signature of a delivery to `url` covers: a URL carrying `bodySHA256` signs a JSON body by digest. */
export function twilioSignedAs(url: string): "form" | "json" {
  return bodySha256Param(url) === undefined ? "form" : "json";
}

function bodySha256Param(url: string): string | undefined | "malformed_url" {
  try {
    return new URL(url).searchParams.get("bodySHA256") ?? undefined;
  } catch {
    return "malformed_url";
  }
}
