import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import { env } from "cloudflare:workers";
import type { UnsignedUpstreamManifest, UpstreamManifest } from "../../contracts/mcp/upstream-manifest.ts";
import { signUpstreamManifest } from "../../engine/upstream/sign.ts";
import { type Admin, call } from "../support/api.ts";
import { liveWindow, trust } from "../skills/support/api-skills.ts";
import { type TestKey, testKey } from "../skills/support/keys.ts";
import { mcpPolicy } from "./support.ts";

export type Variant = "original" | "description-changed" | "schema-changed";

/** The upstream of one scenario (test/standin/upstream-mcp-server.ts), served behind the provider stand-in. */
export const upstreamUrl = (scenario: string) => `https://mcp.standin/${scenario}/mcp`;

export async function setVariant(scenario: string, variant: Variant): Promise<void> {
  await env.STANDIN.fetch(`https://mcp.standin/${scenario}/variant`, { method: "POST", body: JSON.stringify({ variant }) });
}

/** What the upstream lists right now, read as a publisher would before signing (straight to it, not through the Worker). */
export async function listedByUpstream(scenario: string) {
  const client = new Client({ name: "publisher", version: "1.0.0" }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
  await client.connect(new StreamableHTTPClientTransport(new URL(upstreamUrl(scenario)), { fetch: (url, init) => env.STANDIN.fetch(url, init) }));
  try {
    return (await client.listTools()).tools;
  } finally {
    await client.close();
  }
}

export const publisherKey = (): Promise<TestKey> => testKey(41, "acme");

/** An unsigned manifest pinning what the upstream lists now: `lookup` low and read-only, `purge` with no tier (high). */
export async function unsignedFor(scenario: string, overrides: Partial<UnsignedUpstreamManifest> = {}): Promise<UnsignedUpstreamManifest> {
  const listed = await listedByUpstream(scenario);
  return {
    schemaVersion: 1,
    server: "records",
    publisher: "acme",
    version: "1.0.0",
    tools: listed.map((tool) => ({
      name: tool.name,
      description: tool.description ?? "",
      inputSchema: tool.inputSchema,
      ...(tool.name === "lookup" ? { risk: "low" as const, sideEffect: "read" as const } : { sideEffect: "destructive" as const }),
    })),
    ...liveWindow(),
    ...overrides,
  };
}

export async function signedFor(scenario: string, key: TestKey, overrides: Partial<UnsignedUpstreamManifest> = {}): Promise<UpstreamManifest> {
  return signUpstreamManifest(await unsignedFor(scenario, overrides), key.privateKey, key.keyId);
}

export const UPSTREAM_TOKEN = "upstream-secret-token-7f3a";

export function register(admin: Admin, body: Record<string, unknown>): Promise<Response> {
  return call("POST", "/v1/mcp-servers", { key: admin.key, body });
}

/** mcpPolicy, plus: the upstream's `lookup` runs on its own (its tier is low); `purge` falls under high-two. */
export const upstreamPolicy = {
  ...mcpPolicy,
  name: "mcp-upstream",
  rules: [{ id: "upstream-lookup", match: { tools: ["mcp.records.lookup"] }, effect: "allow" }, ...mcpPolicy.rules],
};

/** A tenant trusting the publisher key, with the upstream registered with a credential. */
export async function registeredTenant(admin: Admin, scenario: string): Promise<UpstreamManifest> {
  const key = await publisherKey();
  const trusted = await trust(admin, key.trusted);
  if (trusted.status !== 201) throw new Error(`trust: ${trusted.status} ${await trusted.text()}`);
  const manifest = await signedFor(scenario, key);
  const res = await register(admin, { url: upstreamUrl(scenario), manifest, credential: { type: "bearer", token: UPSTREAM_TOKEN } });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return manifest;
}
