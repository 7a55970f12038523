import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { beforeEach, describe, expect, it } from "vitest";
import { bootstrap, call } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { activate, connect, EXECUTION_META, expectVerifiedAndReplayable } from "../mcp/support.ts";
import { connectWithToken, fetchWorker, login, ORIGIN, RESOURCE } from "./support.ts";

const CONTROL = ["controlPlane_execution_status", "controlPlane_plan_submit"];

describe("OAuth 2.1 for MCP clients", () => {
  beforeEach(async () => standin.reset());

  it("publishes the protected resource and authorization server metadata, and /mcp's challenge points at them", async () => {
    const resource = (await (await fetchWorker("/.well-known/oauth-protected-resource/mcp")).json()) as { resource: string; authorization_servers: string[] };
    expect(resource).toMatchObject({ resource: RESOURCE, authorization_servers: [ORIGIN] });
    const server = (await (await fetchWorker("/.well-known/oauth-authorization-server")).json()) as Record<string, unknown>;
    expect(server).toMatchObject({
      issuer: ORIGIN,
      authorization_endpoint: `${ORIGIN}/oauth/authorize`,
      token_endpoint: `${ORIGIN}/oauth/token`,
      registration_endpoint: `${ORIGIN}/oauth/register`,
      code_challenge_methods_supported: ["S256"],
    });
    const challenge = await fetchWorker("/mcp", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get("www-authenticate")).toContain(`resource_metadata="${ORIGIN}/.well-known/oauth-protected-resource/mcp"`);
  });

  it("register → approve with an admin key → code with PKCE → token: the SDK client sees only the granted tools and a low-risk call runs as the agent", async () => {
    const admin = await bootstrap("oauth-flow");
    await activate(admin);
    const { accessToken } = await login(admin, { agentName: "claude-desktop", tools: "github.issue.comment" });

    const { client, transport } = await connectWithToken(accessToken);
    const names = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(names).toEqual(["github_issue_comment", ...CONTROL].sort());

    const result = (await client.callTool({ name: "github_issue_comment", arguments: { owner: "acme", repo: "app", number: 7, body: "Via OAuth." } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ commentId: expect.any(Number) });
    const executionId = String(result._meta?.[EXECUTION_META]);
    const view = (await (await call("GET", `/v1/executions/${executionId}`, { key: admin.key })).json()) as { actor: { type: string; id: string } };
    expect(view.actor.type).toBe("agent");
    const principals = (await (await call("GET", "/v1/principals?type=agent", { key: admin.key })).json()) as { items: { principalId: string; type: string; displayName: string }[] };
    expect(principals.items.find((p) => p.principalId === view.actor.id)).toMatchObject({ type: "agent", displayName: "claude-desktop" });
    await expectVerifiedAndReplayable(admin, executionId, transport.sessionId);

    // Outside the grant: refused before anything is recorded, as for a narrowed key.
    const closed = (await client.callTool({ name: "github_issue_close", arguments: { owner: "acme", repo: "app", number: 7 } })) as CallToolResult;
    expect(closed.isError).toBe(true);
    await client.close();
  });

  it("denies by default: an approval that names no tools gives a token that lists nothing", async () => {
    const admin = await bootstrap("oauth-nothing");
    const { accessToken } = await login(admin, {});
    const { client } = await connectWithToken(accessToken);
    expect((await client.listTools()).tools).toEqual([]);
    const result = (await client.callTool({ name: "github_issue_comment", arguments: { owner: "acme", repo: "app", number: 7, body: "x" } })) as CallToolResult;
    expect(result.isError).toBe(true);
    await client.close();
  });

  it("a refresh token gives a new access token with the same grant", async () => {
    const admin = await bootstrap("oauth-refresh");
    const { clientId, refreshToken } = await login(admin, { tools: "github.issue.comment" });
    const refresh = () =>
      fetchWorker("/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken ?? "", client_id: clientId, resource: RESOURCE }).toString(),
      });
    const first = await refresh();
    expect(first.status).toBe(200);
    const renewed = (await first.json()) as { access_token: string; refresh_token: string };
    const { client } = await connectWithToken(renewed.access_token);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain("github_issue_comment");
    await client.close();
  });

  it("API keys keep working on /mcp next to OAuth", async () => {
    const admin = await bootstrap("oauth-keys-still");
    const { client } = await connect(admin.key);
    expect((await client.listTools()).tools.length).toBeGreaterThan(CONTROL.length);
    await client.close();
  });
});
