import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { Admin } from "../support/api.ts";

/** OAuth needs https (http only on loopback): these requests come to the test Worker as https://cp.test. */
export const ORIGIN = "https://cp.test";
export const RESOURCE = `${ORIGIN}/mcp`;
export const REDIRECT_URI = "http://127.0.0.1:33418/callback";

export const fetchWorker = (path: string, init?: RequestInit) => exports.default.fetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });

function base64Url(bytes: ArrayBuffer | Uint8Array): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64Url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  return { verifier, challenge };
}

/** Dynamic client registration of a public client (PKCE, no secret), as MCP clients do it. */
export async function registerClient(name = "Test Agent"): Promise<string> {
  const res = await fetchWorker("/oauth/register", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_name: name,
      redirect_uris: [REDIRECT_URI],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { client_id: string }).client_id;
}

export function authorizePath(clientId: string, challenge: string, state = "st-1"): string {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
    resource: RESOURCE,
  });
  return `/oauth/authorize?${query.toString()}`;
}

/** The approval page, and the CSRF token of its form. */
export async function consentForm(path: string): Promise<{ html: string; csrf: string }> {
  const res = await fetchWorker(path);
  expect(res.status).toBe(200);
  const html = await res.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (csrf === undefined) throw new Error(`no CSRF field in ${html}`);
  return { html, csrf };
}

export function submitConsent(path: string, fields: Record<string, string>, headers: Record<string, string> = { origin: ORIGIN }) {
  return fetchWorker(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export function exchangeCode(clientId: string, code: string, verifier: string) {
  return fetchWorker("/oauth/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: clientId, code_verifier: verifier, resource: RESOURCE }).toString(),
  });
}

export interface Login {
  clientId: string;
  accessToken: string;
  refreshToken: string | undefined;
}

/** The whole flow: register, open the approval page, approve with `admin`'s key and `fields`, exchange the code with the verifier. */
export async function login(admin: Admin, fields: Record<string, string>): Promise<Login> {
  const clientId = await registerClient();
  const { verifier, challenge } = await pkcePair();
  const path = authorizePath(clientId, challenge);
  const { csrf } = await consentForm(path);
  const approved = await submitConsent(path, { key: admin.key, decision: "approve", _csrf: csrf, ...fields });
  expect(approved.status).toBe(302);
  const location = new URL(approved.headers.get("location") ?? "");
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
  expect(location.searchParams.get("state")).toBe("st-1");
  const code = location.searchParams.get("code") ?? "";
  const token = await exchangeCode(clientId, code, verifier);
  expect(token.status).toBe(200);
  const body = (await token.json()) as { access_token: string; refresh_token?: string; token_type: string };
  expect(body.token_type.toLowerCase()).toBe("bearer");
  return { clientId, accessToken: body.access_token, refreshToken: body.refresh_token };
}

/** The SDK client over Streamable HTTP at the https resource the token is bound to. */
export async function connectWithToken(token: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client({ name: "oauth-test", version: "1.0.0" }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
  const transport = new StreamableHTTPClientTransport(new URL(RESOURCE), {
    fetch: (url, init) => exports.default.fetch(url, init),
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return { client, transport };
}
