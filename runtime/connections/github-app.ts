import { z } from "zod";
import { fromBase64, toBase64Url } from "../../engine/skills/base64url.ts";
import type { GithubAppConfig } from "./config.ts";
import type { InstallationTokens } from "./resolve.ts";

const encoder = new TextEncoder();

export class GithubAppKeyError extends Error {
  override readonly name = "GithubAppKeyError";
}

/**
 * The App's private key for RS256. GitHub hands out PKCS#1 (`BEGIN RSA PRIVATE KEY`), which Web Crypto does not
 * import; it is wrapped into PKCS#8 (`BEGIN PRIVATE KEY`) here, so either file works as GITHUB_APP_PRIVATE_KEY.
 */
export async function importAppKey(pem: string): Promise<CryptoKey> {
  const match = /-----BEGIN (RSA )?PRIVATE KEY-----([\s\S]+?)-----END (?:RSA )?PRIVATE KEY-----/.exec(pem.replace(/\\n/g, "\n"));
  const der = match?.[2] === undefined ? undefined : fromBase64(match[2].replace(/\s+/g, ""));
  if (match === null || der === undefined) throw new GithubAppKeyError("GITHUB_APP_PRIVATE_KEY is not a PEM private key");
  const pkcs8 = match[1] === undefined ? der : wrapPkcs1(der);
  try {
    return await crypto.subtle.importKey("pkcs8", new Uint8Array(pkcs8), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  } catch {
    throw new GithubAppKeyError("GITHUB_APP_PRIVATE_KEY is not an RSA private key");
  }
}

/** PrivateKeyInfo { version 0, AlgorithmIdentifier rsaEncryption NULL, OCTET STRING <PKCS#1 key> }. */
function wrapPkcs1(pkcs1: Uint8Array): Uint8Array {
  const version = [0x02, 0x01, 0x00];
  const rsaEncryption = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
  const octets = [0x04, ...derLength(pkcs1.length), ...pkcs1];
  const body = [...version, ...rsaEncryption, ...octets];
  return new Uint8Array([0x30, ...derLength(body.length), ...body]);
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return [0x80 | bytes.length, ...bytes];
}

/**
 * The App's own JWT (RS256), as GitHub asks: issued 60 s in the past against clock drift, valid 9 minutes
 * (GitHub's limit is 10), `iss` the App id.
 */
export async function appJwt(appId: string, key: CryptoKey, nowMs: number): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  const part = (value: unknown) => toBase64Url(encoder.encode(JSON.stringify(value)));
  const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part({ iat: now - 60, exp: now + 540, iss: appId })}`;
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, encoder.encode(unsigned));
  return `${unsigned}.${toBase64Url(new Uint8Array(signature))}`;
}

const AccessToken = z.object({ token: z.string().min(1), expires_at: z.string() });
const Installation = z.object({
  id: z.number().int(),
  account: z.object({ login: z.string().min(1), type: z.string().optional() }).nullable(),
  created_at: z.string(),
  suspended_at: z.string().nullable().optional(),
});
export type GithubInstallation = z.infer<typeof Installation>;

/** A cached installation token is used until this long before it expires, then minted again. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

interface Cached {
  token: string;
  expiresAtMs: number;
}

export interface GithubAppDeps {
  fetch: typeof fetch;
  now: () => number;
  /** Per isolate; keyed by App and installation, reached only after the tenant's install was checked. */
  cache?: Map<string, Cached>;
}

const sharedCache = new Map<string, Cached>();

export interface GithubApp extends InstallationTokens {
  installation(installationId: string): Promise<{ ok: true; installation: GithubInstallation } | { ok: false; message: string }>;
}

export function githubApp(config: GithubAppConfig, deps: GithubAppDeps): GithubApp {
  const cache = deps.cache ?? sharedCache;
  let key: Promise<CryptoKey> | undefined;
  const api = (...segments: string[]) => `${config.apiUrl.replace(/\/+$/, "")}/${segments.map(encodeURIComponent).join("/")}`;

  async function call(method: "GET" | "POST", url: string): Promise<{ ok: true; body: unknown } | { ok: false; message: string }> {
    try {
      key ??= importAppKey(config.privateKeyPem);
      const jwt = await appJwt(config.appId, await key, deps.now());
      const response = await deps.fetch(url, {
        method,
        headers: { authorization: `Bearer ${jwt}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "control-plane" },
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) return { ok: false, message: `GitHub answered ${response.status}` };
      return { ok: true, body };
    } catch (error) {
      return { ok: false, message: error instanceof GithubAppKeyError ? error.message : `GitHub unreachable: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  return {
    async token(installationId) {
      const cacheKey = `${config.appId}:${installationId}`;
      const cached = cache.get(cacheKey);
      if (cached !== undefined && cached.expiresAtMs - deps.now() > TOKEN_REFRESH_MARGIN_MS) return { ok: true, token: cached.token };
      const minted = await call("POST", api("app", "installations", installationId, "access_tokens"));
      if (!minted.ok) return minted;
      const parsed = AccessToken.safeParse(minted.body);
      const expiresAtMs = parsed.success ? Date.parse(parsed.data.expires_at) : Number.NaN;
      if (!parsed.success || Number.isNaN(expiresAtMs)) return { ok: false, message: "GitHub answered no installation token" };
      cache.set(cacheKey, { token: parsed.data.token, expiresAtMs });
      return { ok: true, token: parsed.data.token };
    },
    async installation(installationId) {
      const read = await call("GET", api("app", "installations", installationId));
      if (!read.ok) return read;
      const parsed = Installation.safeParse(read.body);
      return parsed.success ? { ok: true, installation: parsed.data } : { ok: false, message: "GitHub answered no installation" };
    },
  };
}
