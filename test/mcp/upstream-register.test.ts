import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { bootstrap, call, createKey, problem } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { trust } from "../skills/support/api-skills.ts";
import { testKey } from "../skills/support/keys.ts";
import { publisherKey, register, registeredTenant, setVariant, signedFor, unsignedFor, UPSTREAM_TOKEN, upstreamUrl } from "./upstream-support.ts";

async function trustedAdmin(tenantId: string) {
  const admin = await bootstrap(tenantId);
  const key = await publisherKey();
  expect((await trust(admin, key.trusted)).status).toBe(201);
  return { admin, key };
}

describe("upstream MCP servers: registration", () => {
  beforeEach(async () => standin.reset());

  it("registers a signed manifest, lists the pinned tools, and never answers or stores the credential in clear", async () => {
    const admin = await bootstrap("up-reg-ok");
    const manifest = await registeredTenant(admin, "reg-ok");
    const listed = (await (await call("GET", "/v1/mcp-servers", { key: admin.key })).json()) as { items: Record<string, unknown>[] };
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({
      name: "records",
      url: upstreamUrl("reg-ok"),
      version: "1.0.0",
      signingKeyId: manifest.signature.keyId,
      hasCredential: true,
      tools: [
        { key: "mcp.records.lookup", risk: "low", sideEffect: "read" },
        { key: "mcp.records.purge", risk: "high", sideEffect: "destructive" },
      ],
    });
    expect(JSON.stringify(listed)).not.toContain(UPSTREAM_TOKEN);

    const row = await env.DB.prepare("SELECT * FROM mcp_servers WHERE tenant_id = ?").bind("up-reg-ok").first<Record<string, string>>();
    expect(JSON.stringify(row)).not.toContain(UPSTREAM_TOKEN);
    expect(JSON.stringify(row)).not.toContain(btoa(UPSTREAM_TOKEN).slice(0, 12));
    expect(row?.sealed_credential).toMatch(/^v1\.test1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);

    // tools/list at registration went to the pinned URL with the credential (the publisher's own listing had none).
    const upstream = (await standin.requests()).filter((r) => r.host === "mcp.standin" && r.path === "/reg-ok/mcp");
    expect(upstream.filter((r) => r.headers.authorization === `Bearer ${UPSTREAM_TOKEN}`).length).toBeGreaterThan(0);
  });

  it("refuses an unsigned manifest", async () => {
    const { admin } = await trustedAdmin("up-reg-unsigned");
    const res = await register(admin, { url: upstreamUrl("reg-unsigned"), manifest: await unsignedFor("reg-unsigned") });
    expect(res.status).toBe(422);
    expect((await problem(res)).code).toBe("MANIFEST_INVALID");
  });

  it("refuses a manifest signed by a key the tenant does not trust", async () => {
    const { admin } = await trustedAdmin("up-reg-untrusted");
    const stranger = await testKey(42, "acme");
    const res = await register(admin, { url: upstreamUrl("reg-untrusted"), manifest: await signedFor("reg-untrusted", stranger) });
    expect(res.status).toBe(422);
    expect((await problem(res)).code).toBe("KEY_UNKNOWN");
  });

  it("refuses a tampered manifest: a raised-to-low tier or an edited description breaks the signature", async () => {
    const { admin, key } = await trustedAdmin("up-reg-tampered");
    const manifest = await signedFor("reg-tampered", key);
    const lowered = { ...manifest, tools: manifest.tools.map((t) => ({ ...t, risk: "low" })) };
    const res = await register(admin, { url: upstreamUrl("reg-tampered"), manifest: lowered });
    expect(res.status).toBe(422);
    expect((await problem(res)).code).toBe("SIGNATURE_INVALID");
    const edited = { ...manifest, tools: manifest.tools.map((t, i) => (i === 0 ? { ...t, description: `${t.description} ` } : t)) };
    expect((await problem(await register(admin, { url: upstreamUrl("reg-tampered"), manifest: edited }))).code).toBe("SIGNATURE_INVALID");
    expect(((await (await call("GET", "/v1/mcp-servers", { key: admin.key })).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("refuses a URL not on the egress allowlist, and plain http, without calling it", async () => {
    const { admin, key } = await trustedAdmin("up-reg-url");
    const manifest = await signedFor("reg-url", key);
    const unlisted = await register(admin, { url: "https://evil.example.com/mcp", manifest });
    expect(unlisted.status).toBe(422);
    expect((await problem(unlisted)).code).toBe("UPSTREAM_URL_NOT_ALLOWED");
    const otherPort = await register(admin, { url: "https://mcp.standin:8443/reg-url/mcp", manifest });
    expect((await problem(otherPort)).code).toBe("UPSTREAM_URL_NOT_ALLOWED");
    const plain = await register(admin, { url: "http://mcp.standin/reg-url/mcp", manifest });
    expect(plain.status).toBe(400);
    expect((await standin.requests()).filter((r) => r.host !== "mcp.standin")).toEqual([]);
  });

  it("refuses a manifest that does not match what the upstream lists now", async () => {
    const { admin, key } = await trustedAdmin("up-reg-drift");
    const manifest = await signedFor("reg-drift", key);
    await setVariant("reg-drift", "schema-changed");
    const res = await register(admin, { url: upstreamUrl("reg-drift"), manifest });
    expect(res.status).toBe(409);
    expect((await problem(res)).code).toBe("TOOL_DEFINITION_CHANGED");
  });

  it("replaces a server only with a newer manifest version; remove deletes it; only admins manage servers", async () => {
    const admin = await bootstrap("up-reg-replace");
    await registeredTenant(admin, "reg-replace");
    const key = await publisherKey();
    const again = await register(admin, { url: upstreamUrl("reg-replace"), manifest: await signedFor("reg-replace", key) });
    expect((await problem(again)).code).toBe("VERSION_NOT_NEWER");
    const newer = await register(admin, { url: upstreamUrl("reg-replace"), manifest: await signedFor("reg-replace", key, { version: "1.1.0" }) });
    expect(newer.status).toBe(201);
    expect(await newer.json()).toMatchObject({ version: "1.1.0", hasCredential: false });

    const agent = await createKey(admin, ["control-plane.core"], { principalType: "agent" });
    expect((await call("GET", "/v1/mcp-servers", { key: agent.key })).status).toBe(403);

    expect((await call("DELETE", "/v1/mcp-servers/records", { key: admin.key })).status).toBe(200);
    const gone = await call("DELETE", "/v1/mcp-servers/records", { key: admin.key });
    expect((await problem(gone)).code).toBe("MCP_SERVER_NOT_FOUND");
  });
});
