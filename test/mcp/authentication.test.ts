import { describe, expect, it } from "vitest";
import { bootstrap, call, createKey, problem } from "../support/api.ts";
import { connect, MCP_URL, workerFetch } from "./support.ts";

const initialize = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};

function post(body: unknown, headers: Record<string, string>) {
  return workerFetch(MCP_URL, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(body),
  });
}

describe("MCP authentication", () => {
  it("refuses a client without a key and with a bad key: 401 problem with a Bearer challenge", async () => {
    await expect(connect(undefined)).rejects.toThrow(/401/);
    await expect(connect(`cpk_0123abcd_${"A".repeat(43)}`)).rejects.toThrow(/401/);

    const res = await post(initialize, {});
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect((await problem(res)).code).toBe("UNAUTHENTICATED");
  });

  it("refuses a revoked key", async () => {
    const admin = await bootstrap("mcp-auth-revoked");
    const agent = await createKey(admin, ["control-plane.core"], { principalType: "agent" });
    const revoked = await call("POST", `/v1/keys/${agent.keyId}/revoke`, { key: admin.key, body: {} });
    expect(revoked.status).toBe(200);
    expect((await post(initialize, { authorization: `Bearer ${agent.key}` })).status).toBe(401);
  });

  it("binds a session to the key it was issued to: another key's session, a forged one and none are refused", async () => {
    const admin = await bootstrap("mcp-auth-session");
    const ann = await createKey(admin, ["control-plane.core"], { principalType: "agent" });
    const bob = await createKey(admin, ["control-plane.core"], { principalType: "agent" });
    const { client, transport } = await connect(ann.key);
    const session = transport.sessionId ?? "";
    expect(session).toMatch(/^mcps_/);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);

    const list = { jsonrpc: "2.0", id: 2, method: "tools/list", params: {} };
    const headers = (key: string, sessionId?: string) => ({
      authorization: `Bearer ${key}`,
      "mcp-protocol-version": "2025-11-25",
      ...(sessionId === undefined ? {} : { "mcp-session-id": sessionId }),
    });
    expect((await post(list, headers(ann.key, session))).status).toBe(200);
    expect((await post(list, headers(bob.key, session))).status).toBe(404);
    const last = session.at(-1) === "A" ? "B" : "A";
    expect((await post(list, headers(ann.key, `${session.slice(0, -1)}${last}`))).status).toBe(404);
    expect((await post(list, headers(ann.key))).status).toBe(400);
    await client.close();
  });

  it("has no server-initiated stream and refuses other sites' pages", async () => {
    const admin = await bootstrap("mcp-auth-get");
    const res = await workerFetch(MCP_URL, { method: "GET", headers: { authorization: `Bearer ${admin.key}`, accept: "text/event-stream" } });
    expect(res.status).toBe(405);
    const foreign = await post(initialize, { authorization: `Bearer ${admin.key}`, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect((await problem(foreign)).code).toBe("ORIGIN_NOT_ALLOWED");
  });
});
