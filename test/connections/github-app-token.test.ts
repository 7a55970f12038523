import { describe, expect, it } from "vitest";
import { appJwt, githubApp, importAppKey, TOKEN_REFRESH_MARGIN_MS } from "../../runtime/connections/github-app.ts";
import { fromBase64, fromBase64Url } from "../../engine/skills/base64url.ts";
import { testSecrets } from "../support/test-secrets.ts";
import { appPrivateKeyPkcs1Pem, appPublicKeyPem } from "./github-app-keys.ts";

async function publicKey(): Promise<CryptoKey> {
  const der = fromBase64(appPublicKeyPem.replace(/-----[A-Z ]+-----|\s+/g, "")) ?? new Uint8Array();
  return crypto.subtle.importKey("spki", new Uint8Array(der), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
}

async function verifies(jwt: string): Promise<boolean> {
  const [header = "", payload = "", signature = ""] = jwt.split(".");
  return crypto.subtle.verify("RSASSA-PKCS1-v1_5", await publicKey(), new Uint8Array(fromBase64Url(signature) ?? new Uint8Array()), new TextEncoder().encode(`${header}.${payload}`));
}

const claims = (jwt: string) => JSON.parse(new TextDecoder().decode(fromBase64Url(jwt.split(".")[1] ?? ""))) as { iat: number; exp: number; iss: string };

describe("GitHub App JWT (RS256 through Web Crypto)", () => {
  it("verifies with the App's public key and says what GitHub asks (iss, iat 60 s back, exp within 10 min)", async () => {
    const now = Date.parse("2026-12-04T12:00:00Z");
    const jwt = await appJwt("424242", await importAppKey(testSecrets.GITHUB_APP_PRIVATE_KEY), now);
    expect(await verifies(jwt)).toBe(true);
    expect(JSON.parse(atob(jwt.split(".")[0] ?? ""))).toEqual({ alg: "RS256", typ: "JWT" });
    expect(claims(jwt)).toEqual({ iss: "424242", iat: now / 1000 - 60, exp: now / 1000 + 540 });
  });

  it("a flipped bit in the claims or the signature does not verify", async () => {
    const jwt = await appJwt("424242", await importAppKey(testSecrets.GITHUB_APP_PRIVATE_KEY), Date.now());
    const [h, p, s] = jwt.split(".") as [string, string, string];
    const otherIssuer = btoa(JSON.stringify({ ...claims(jwt), iss: "424243" })).replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
    expect(await verifies(`${h}.${otherIssuer}.${s}`)).toBe(false);
    const sig = fromBase64Url(s) ?? new Uint8Array();
    sig[10] = (sig[10] ?? 0) ^ 1;
    expect(await verifies(`${h}.${p}.${btoa(String.fromCharCode(...sig)).replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_")}`)).toBe(false);
  });

  it("the PKCS#1 key file GitHub hands out works as well, and signs the same", async () => {
    const now = Date.now();
    const a = await appJwt("1", await importAppKey(appPrivateKeyPkcs1Pem), now);
    const b = await appJwt("1", await importAppKey(testSecrets.GITHUB_APP_PRIVATE_KEY), now);
    expect(a).toBe(b);
    expect(await verifies(a)).toBe(true);
    await expect(importAppKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")).rejects.toThrow(/RSA private key/);
  });
});

describe("installation access tokens", () => {
  it("are minted with the App JWT, cached until shortly before expiry, then minted again", async () => {
    let clock = Date.parse("2026-12-04T12:00:00Z");
    const calls: { url: string; auth: string }[] = [];
    const fetcher: typeof fetch = async (input, init) => {
      calls.push({ url: String(input), auth: new Headers(init?.headers).get("authorization") ?? "" });
      return Response.json({ token: `ghs_${calls.length}`, expires_at: new Date(clock + 3600_000).toISOString() }, { status: 201 });
    };
    const app = githubApp({ appId: "424242", privateKeyPem: testSecrets.GITHUB_APP_PRIVATE_KEY, apiUrl: "http://github.standin" }, { fetch: fetcher, now: () => clock, cache: new Map() });

    expect(await app.token("77")).toEqual({ ok: true, token: "ghs_1" });
    expect(calls[0]?.url).toBe("http://github.standin/app/installations/77/access_tokens");
    expect(await verifies(calls[0]?.auth.replace(/^Bearer /, "") ?? "")).toBe(true);

    clock += 3600_000 - TOKEN_REFRESH_MARGIN_MS - 1000; // still more than the margin left
    expect(await app.token("77")).toEqual({ ok: true, token: "ghs_1" });
    expect(calls).toHaveLength(1);

    clock += 2000; // inside the margin: refreshed
    expect(await app.token("77")).toEqual({ ok: true, token: "ghs_2" });
    expect(calls).toHaveLength(2);

    // Another installation never shares a cached token.
    expect(await app.token("78")).toEqual({ ok: true, token: "ghs_3" });
  });

  it("a refused mint is an error, not a cached token", async () => {
    const fetcher: typeof fetch = async () => Response.json({ message: "Not Found" }, { status: 404 });
    const app = githubApp({ appId: "1", privateKeyPem: testSecrets.GITHUB_APP_PRIVATE_KEY, apiUrl: "http://github.standin" }, { fetch: fetcher, now: Date.now, cache: new Map() });
    expect(await app.token("9")).toEqual({ ok: false, message: "GitHub answered 404" });
  });
});
