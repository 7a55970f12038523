import { timingSafeEqualText } from "./crypto.ts";
import { verifyHubSignature256 } from "./hub-signature.ts";
import type { VerifyResult } from "./verify-result.ts";

export interface MetaSignedRequest {
  appSecret: string;
  /** `X-Hub-Signature-256` */
  signature: string | null;
  body: Uint8Array<ArrayBuffer>;
}

/** WhatsApp Cloud API deliveries are signed with the app secret, same scheme as GitHub. */
export function verifyMetaSignature(req: MetaSignedRequest): Promise<VerifyResult> {
  return verifyHubSignature256(req.appSecret, req.signature, req.body);
}

/** Meta's challenge is a short number; the bound keeps us from echoing arbitrary payloads. */
const MAX_CHALLENGE_LENGTH = 256;

export type MetaHandshakeResult = { ok: true; challenge: string } | { ok: false; reason: "bad_mode" | "bad_token" | "bad_challenge" };

/** The GET subscription handshake: `hub.mode=subscribe`, the configured verify token, echo `hub.challenge`. */
export async function verifyMetaHandshake(query: URLSearchParams, verifyToken: string): Promise<MetaHandshakeResult> {
  const tokenMatches = await timingSafeEqualText(query.get("hub.verify_token") ?? "", verifyToken);
  if (query.get("hub.mode") !== "subscribe") return { ok: false, reason: "bad_mode" };
  if (!tokenMatches) return { ok: false, reason: "bad_token" };
  const challenge = query.get("hub.challenge");
  if (challenge === null || challenge.length === 0 || challenge.length > MAX_CHALLENGE_LENGTH) {
    return { ok: false, reason: "bad_challenge" };
  }
  return { ok: true, challenge };
}
