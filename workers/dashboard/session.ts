/**
 * The dashboard session cookie: `<keyId>.<expiresAtMs>.<mac>`, HMAC-SHA256 under a key derived from
 * APPROVAL_SIGNING_KEY. It names the API key, never holds it; the key is re-checked on every request
 * (session-caller.ts), so revoking or expiring the key ends the session.
 */
export const SESSION_COOKIE = "cp_dashboard";
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface Session {
  keyId: string;
  expiresAt: number;
  /** The cookie value itself; the CSRF token is derived from it. */
  raw: string;
}

const encoder = new TextEncoder();

async function macKey(secret: string): Promise<CryptoKey> {
  // A key of its own: a dashboard MAC can never be mistaken for an approval-link signature.
  const root = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const derived = await crypto.subtle.sign("HMAC", root, encoder.encode("control-plane dashboard session v1"));
  return crypto.subtle.importKey("raw", derived, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

function toBase64Url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

export async function mac(secret: string, message: string): Promise<string> {
  return toBase64Url(await crypto.subtle.sign("HMAC", await macKey(secret), encoder.encode(message)));
}

export async function issueSession(secret: string, keyId: string, now: number): Promise<Session> {
  const expiresAt = now + SESSION_TTL_MS;
  const body = `${keyId}.${expiresAt}`;
  return { keyId, expiresAt, raw: `${body}.${await mac(secret, `session:${body}`)}` };
}

export async function readSession(secret: string, raw: string | undefined, now: number): Promise<Session | undefined> {
  const match = /^([A-Za-z0-9_-]+)\.(\d{1,16})\.([A-Za-z0-9_-]+)$/.exec(raw ?? "");
  if (!match || raw === undefined) return undefined;
  const [, keyId = "", expires = "", signature = ""] = match;
  const signatureBytes = fromBase64Url(signature);
  if (signatureBytes === undefined) return undefined;
  const valid = await crypto.subtle.verify("HMAC", await macKey(secret), signatureBytes, encoder.encode(`session:${keyId}.${expires}`));
  const expiresAt = Number(expires);
  if (!valid || expiresAt <= now) return undefined;
  return { keyId, expiresAt, raw };
}

/** The per-session CSRF token every form carries: bound to this cookie, useless without it. */
export function csrfToken(secret: string, session: Session): Promise<string> {
  return mac(secret, `csrf:${session.raw}`);
}
