import { and, eq, gt, isNull } from "drizzle-orm";
import { fromBase64Url, toBase64Url } from "../../engine/skills/base64url.ts";
import { connectStates, type ConnectionProvider } from "../../schema/connections.ts";
import type { Db } from "../db.ts";

/** How long an install flow may take between the admin's click and the provider's redirect back. */
export const CONNECT_STATE_TTL_MS = 10 * 60 * 1000;

export interface ConnectStarter {
  tenantId: string;
  principalId: string;
  provider: ConnectionProvider;
}

export type StateCheck =
  | { ok: true; tenantId: string; principalId: string; issuedAt: string }
  | { ok: false; code: "STATE_INVALID" | "STATE_EXPIRED" | "STATE_USED" };

const encoder = new TextEncoder();

async function macKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(`connect-state:${secret}`), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

function signedPart(provider: ConnectionProvider, id: string, expiresAtSec: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encoder.encode(`connect-state/v1:${provider}:${id}:${expiresAtSec}`));
}

/**
 * Starts an install flow: a row naming tenant and admin, and the `state` the provider hands back,
 * `<id>.<expiry epoch s>.<HMAC-SHA256>`. The state carries no tenant: it only names the row, so it tells an
 * onlooker nothing and cannot be edited to name another tenant.
 */
export async function issueConnectState(db: Db, secret: string, starter: ConnectStarter, now: Date): Promise<string> {
  const id = toBase64Url(crypto.getRandomValues(new Uint8Array(18)));
  const expiresAt = new Date(now.getTime() + CONNECT_STATE_TTL_MS);
  const expiresAtSec = Math.floor(expiresAt.getTime() / 1000);
  await db.insert(connectStates).values({ id, ...starter, createdAt: now.toISOString(), expiresAt: new Date(expiresAtSec * 1000).toISOString() });
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await macKey(secret), signedPart(starter.provider, id, expiresAtSec)));
  return `${id}.${expiresAtSec}.${toBase64Url(mac)}`;
}

/**
 * Checks a returned `state` and uses it up: forged or for another provider → STATE_INVALID, past its expiry →
 * STATE_EXPIRED, already used → STATE_USED. The use is one conditional update, so two racing callbacks with
 * one state connect once.
 */
export async function consumeConnectState(db: Db, secret: string, provider: ConnectionProvider, state: string | undefined, now: Date): Promise<StateCheck> {
  const [id = "", expiryText = "", macText = "", ...rest] = (state ?? "").split(".");
  const mac = fromBase64Url(macText);
  const expiresAtSec = Number(expiryText);
  if (rest.length > 0 || id === "" || mac === undefined || !/^\d{1,12}$/.test(expiryText)) return { ok: false, code: "STATE_INVALID" };
  const genuine = await crypto.subtle.verify("HMAC", await macKey(secret), new Uint8Array(mac), signedPart(provider, id, expiresAtSec));
  if (!genuine) return { ok: false, code: "STATE_INVALID" };
  if (expiresAtSec * 1000 <= now.getTime()) return { ok: false, code: "STATE_EXPIRED" };
  const [used] = await db
    .update(connectStates)
    .set({ usedAt: now.toISOString() })
    .where(and(eq(connectStates.id, id), eq(connectStates.provider, provider), isNull(connectStates.usedAt), gt(connectStates.expiresAt, now.toISOString())))
    .returning();
  if (used === undefined) return { ok: false, code: "STATE_USED" };
  return { ok: true, tenantId: used.tenantId, principalId: used.principalId, issuedAt: used.createdAt };
}
