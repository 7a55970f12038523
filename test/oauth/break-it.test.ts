import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { bootstrap, call, createKey } from "../support/api.ts";
import { activate } from "../mcp/support.ts";
import { authorizePath, connectWithToken, consentForm, exchangeCode, fetchWorker, login, pkcePair, registerClient, submitConsent } from "./support.ts";

/** Up to the code: register, open the page, approve with `key`. */
async function approvedCode(key: string, fields: Record<string, string> = { tools: "github.issue.comment" }) {
  const clientId = await registerClient();
  const pkce = await pkcePair();
  const path = authorizePath(clientId, pkce.challenge);
  const { csrf } = await consentForm(path);
  const res = await submitConsent(path, { key, decision: "approve", _csrf: csrf, ...fields });
  return { clientId, pkce, path, csrf, res, code: new URL(res.headers.get("location") ?? "http://x/").searchParams.get("code") ?? "" };
}

describe("OAuth for MCP clients: trying to break it", () => {
  it("a wrong PKCE verifier gets no token, and neither does a code used twice", async () => {
    const admin = await bootstrap("oauth-break-pkce");
    const first = await approvedCode(admin.key);
    expect(first.res.status).toBe(302);
    const other = await pkcePair();
    const wrong = await exchangeCode(first.clientId, first.code, other.verifier);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe("invalid_grant");

    const second = await approvedCode(admin.key);
    expect((await exchangeCode(second.clientId, second.code, second.pkce.verifier)).status).toBe(200);
    const replayed = await exchangeCode(second.clientId, second.code, second.pkce.verifier);
    expect(replayed.status).toBe(400);
    expect(((await replayed.json()) as { error: string }).error).toBe("invalid_grant");
  });

  it("a revoked grant's token is refused on /mcp, and the admin API lists and revokes grants per principal", async () => {
    const admin = await bootstrap("oauth-break-revoke");
    await activate(admin);
    const { accessToken } = await login(admin, { tools: "github.issue.*" });
    const { client } = await connectWithToken(accessToken);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();

    const agents = (await (await call("GET", "/v1/principals?type=agent", { key: admin.key })).json()) as { items: { principalId: string }[] };
    const agent = agents.items[0]?.principalId ?? "";
    const listed = await call("GET", `/v1/principals/${agent}/oauth-grants`, { key: admin.key });
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: { grantId: string; clientName: string; grants: { tools: string[] | null; channels: string[] | null }[]; approvedBy: { keyId: string } }[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ clientName: "Test Agent", grants: [{ tools: ["github.issue.*"], channels: ["mcp"] }], approvedBy: { keyId: admin.keyId } });
    const grantId = items[0]?.grantId ?? "";

    // Another tenant's admin finds neither the principal nor the grant.
    const stranger = await bootstrap("oauth-break-revoke-other");
    expect((await call("POST", `/v1/principals/${agent}/oauth-grants/${grantId}/revoke`, { key: stranger.key })).status).toBe(404);
    // A key without admin cannot revoke.
    const core = await createKey(admin, ["control-plane.core"]);
    expect((await call("POST", `/v1/principals/${agent}/oauth-grants/${grantId}/revoke`, { key: core.key })).status).toBe(403);

    const revoked = await call("POST", `/v1/principals/${agent}/oauth-grants/${grantId}/revoke`, { key: admin.key });
    expect(revoked.status).toBe(200);
    await expect(connectWithToken(accessToken)).rejects.toThrow(/invalid_token/);
    expect(((await (await call("GET", `/v1/principals/${agent}/oauth-grants`, { key: admin.key })).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await call("POST", `/v1/principals/${agent}/oauth-grants/${grantId}/revoke`, { key: admin.key })).status).toBe(404);
  });

  it("an OAuth token is not an API credential: /v1 answers 401", async () => {
    const admin = await bootstrap("oauth-break-api");
    const { accessToken } = await login(admin, { tools: "*" });
    const res = await call("GET", "/v1/executions", { key: accessToken });
    expect(res.status).toBe(401);
  });

  it("the approval form: another site's page, a missing or foreign CSRF token, a non-admin key and a grant wider than the admin's are refused", async () => {
    const admin = await bootstrap("oauth-break-form");
    const clientId = await registerClient();
    const { challenge } = await pkcePair();
    const path = authorizePath(clientId, challenge);
    const { csrf } = await consentForm(path);
    const fields = { key: admin.key, decision: "approve", tools: "github.issue.comment" };

    const foreign = await submitConsent(path, { ...fields, _csrf: csrf }, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect((await submitConsent(path, fields)).status).toBe(403);
    const otherPath = authorizePath(clientId, challenge, "another-state");
    expect((await submitConsent(otherPath, { ...fields, _csrf: csrf })).status).toBe(403);
    const tampered = `${csrf.slice(0, -1)}${csrf.endsWith("A") ? "B" : "A"}`;
    expect((await submitConsent(path, { ...fields, _csrf: tampered })).status).toBe(403);

    const core = await createKey(admin, ["control-plane.core"]);
    const notAdmin = await submitConsent(path, { ...fields, key: core.key, _csrf: csrf });
    expect(notAdmin.status).toBe(403);
    expect(await notAdmin.text()).toMatch(/control-plane\.admin/);

    const narrowAdmin = await createKey(admin, [], { capabilities: ["control-plane.admin", { capability: "control-plane.core", tools: ["github.issue.comment"] }] });
    const wider = await submitConsent(path, { ...fields, key: narrowAdmin.key, tools: "github.issue.*", _csrf: csrf });
    expect(wider.status).toBe(422);
    expect(await wider.text()).toMatch(/wider than your key/);

    // None of the refusals issued a code; the genuine form still works.
    expect((await submitConsent(path, { ...fields, _csrf: csrf })).status).toBe(302);
  });

  it("another tenant's agent cannot be chosen, and an unknown token on /mcp gets the library's 401", async () => {
    const admin = await bootstrap("oauth-break-principal");
    const other = await bootstrap("oauth-break-principal-other");
    const agentOfOther = await createKey(other, ["control-plane.core"], { principalType: "agent" });
    const refused = await approvedCode(admin.key, { tools: "github.issue.comment", principalId: agentOfOther.principalId });
    expect(refused.res.status).toBe(422);
    // A human principal (the admin itself) is not an agent.
    const human = await approvedCode(admin.key, { tools: "github.issue.comment", principalId: admin.principalId });
    expect(human.res.status).toBe(422);

    const unknown = await fetchWorker("/mcp", { method: "POST", headers: { authorization: "Bearer someone:else:token", "content-type": "application/json" }, body: "{}" });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toMatch(/invalid_token/);
  });

  it("an existing agent principal can be chosen: its OAuth calls run as that agent", async () => {
    const admin = await bootstrap("oauth-existing-agent");
    await activate(admin);
    const agent = await createKey(admin, ["control-plane.core"], { principalType: "agent" });
    const { accessToken } = await login(admin, { tools: "github.issue.comment", principalId: agent.principalId });
    const { client } = await connectWithToken(accessToken);
    const result = (await client.callTool({ name: "github_issue_comment", arguments: { owner: "acme", repo: "app", number: 3, body: "hi" } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const executionId = String(result._meta?.["dev.control-plane/executionId"]);
    const view = (await (await call("GET", `/v1/executions/${executionId}`, { key: admin.key })).json()) as { actor: { id: string } };
    expect(view.actor.id).toBe(agent.principalId);
    await client.close();
  });
});
