/**
 * MCP session ids: `mcps_<random>.<mac>`, HMAC-SHA256 over the random part and the API key it was issued
 * to, under a key derived from APPROVAL_SIGNING_KEY. Sessions need no storage (any Worker instance can
 * check one) and one issued to a key is worthless with another key: the session scopes the idempotency of
 * tool calls, so another caller must not be able to step into it.
 */
const encoder = new TextEncoder();
const FORMAT = /^mcps_([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/;

async function macKey(secret: string): Promise<CryptoKey> {
  // A key of its own: a session id can never be mistaken for an approval-link or dashboard signature.
  const root = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const derived = await crypto.subtle.sign("HMAC", root, encoder.encode("control-plane mcp session v1"));
  return crypto.subtle.importKey("raw", derived, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

function toBase64Url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

export async function issueSessionId(secret: string, keyId: string): Promise<string> {
  const random = crypto.randomUUID().replaceAll("-", "");
  const mac = await crypto.subtle.sign("HMAC", await macKey(secret), encoder.encode(`${keyId}:${random}`));
  return `mcps_${random}.${toBase64Url(mac)}`;
}

/** True only for a session id this deployment issued to this key. */
export async function sessionIssuedTo(secret: string, keyId: string, sessionId: string): Promise<boolean> {
  const match = FORMAT.exec(sessionId);
  if (!match) return false;
  const [, random = "", mac = ""] = match;
  return crypto.subtle.verify("HMAC", await macKey(secret), fromBase64Url(mac), encoder.encode(`${keyId}:${random}`));
}
