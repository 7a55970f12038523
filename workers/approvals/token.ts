import { z } from "zod";
import { fromBase64Url, toBase64Url } from "../../engine/skills/base64url.ts";

/** What an approval link is bound to: one tenant, execution, step, approver and exact action, until `exp`. */
export const ApprovalClaims = z.strictObject({
  v: z.literal(1),
  tenantId: z.string(),
  executionId: z.string(),
  stepId: z.string(),
  principalId: z.string(),
  actionDigest: z.string().regex(/^[0-9a-f]{64}$/),
  /** Seconds since the epoch. */
  exp: z.number().int(),
  /** Token id; the gate accepts each once. */
  jti: z.string().min(16),
});
export type ApprovalClaims = z.infer<typeof ApprovalClaims>;

export type TokenCheck = { ok: true; claims: ApprovalClaims } | { ok: false; code: "TOKEN_INVALID" | "TOKEN_EXPIRED" };

const encoder = new TextEncoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
  if (secret.length < 16) throw new Error("APPROVAL_SIGNING_KEY must be at least 16 characters");
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

export async function signApprovalToken(secret: string, claims: ApprovalClaims): Promise<string> {
  const body = toBase64Url(encoder.encode(JSON.stringify(claims)));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(body)));
  return `${body}.${toBase64Url(mac)}`;
}

/** The signature is checked (in constant time, by WebCrypto) before the claims are even parsed. */
export async function verifyApprovalToken(secret: string, token: string, nowMs: number): Promise<TokenCheck> {
  const parts = token.split(".");
  const body = parts[0];
  const mac = parts[1] === undefined ? undefined : fromBase64Url(parts[1]);
  if (parts.length !== 2 || body === undefined || mac === undefined) return { ok: false, code: "TOKEN_INVALID" };
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret), mac, encoder.encode(body));
  if (!valid) return { ok: false, code: "TOKEN_INVALID" };
  const bytes = fromBase64Url(body);
  let json: unknown;
  try {
    json = bytes === undefined ? undefined : JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { ok: false, code: "TOKEN_INVALID" };
  }
  const claims = ApprovalClaims.safeParse(json);
  if (!claims.success) return { ok: false, code: "TOKEN_INVALID" };
  if (claims.data.exp * 1000 <= nowMs) return { ok: false, code: "TOKEN_EXPIRED" };
  return { ok: true, claims: claims.data };
}
