import { digestsEqual } from "../api/api-keys.ts";
import { mac } from "../dashboard/session.ts";

/** How long an approval page may be left open before its form is refused. */
export const CONSENT_TTL_MS = 15 * 60 * 1000;

/**
 * The approval form's CSRF token: `<expiresAtMs>.<mac>` over the authorization request's query, so a form
 * posts only to the request it was rendered for and only while fresh. The origin check refuses other sites'
 * pages; this refuses forms this server did not render.
 */
export async function consentToken(secret: string, query: string, now: number): Promise<string> {
  const expiresAt = now + CONSENT_TTL_MS;
  return `${expiresAt}.${await mac(secret, `oauth-consent:${expiresAt}:${query}`)}`;
}

export async function consentTokenValid(secret: string, query: string, token: string | undefined, now: number): Promise<boolean> {
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]+)$/.exec(token ?? "");
  if (!match) return false;
  const [, expires = "", signature = ""] = match;
  if (Number(expires) <= now) return false;
  return digestsEqual(signature, await mac(secret, `oauth-consent:${expires}:${query}`));
}
