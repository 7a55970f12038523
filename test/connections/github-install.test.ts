import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { githubIssueComment } from "../channels/support/payloads.ts";
import { drive, executionOf, githubSigned, post } from "../channels/e2e/support.ts";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { getManual } from "./support-flow.ts";

const INSTALLATION = 7_700_001;

async function startGithubInstall(admin: Admin): Promise<string> {
  const res = await getManual("/connect/github", admin.key);
  expect(res.status).toBe(302);
  const to = new URL(res.headers.get("location") ?? "");
  expect(`${to.origin}${to.pathname}`).toBe("http://github.standin/apps/cp-test/installations/new");
  return to.searchParams.get("state") ?? "";
}

const callback = (state: string, installationId: number | string) =>
  call("GET", `/connect/github/callback?installation_id=${installationId}&setup_action=install&state=${encodeURIComponent(state)}`);

async function connection(id: number) {
  return env.DB.prepare("SELECT tenant_id, status, sealed_credential, details FROM connections WHERE provider = 'github' AND external_id = ?").bind(String(id)).first<Record<string, string | null>>();
}

describe("GitHub App install", () => {
  let admin: Admin;
  beforeEach(() => standin.reset());

  it("the setup URL's state binds the new installation to the tenant that started it", async () => {
    admin = await bootstrap("gh-a");
    const res = await callback(await startGithubInstall(admin), INSTALLATION);
    expect(res.status).toBe(200);
    expect(await connection(INSTALLATION)).toEqual({ tenant_id: "gh-a", status: "active", sealed_credential: null, details: JSON.stringify({ account: `acct${INSTALLATION}`, accountType: "Organization" }) });
    const binding = await env.DB.prepare("SELECT tenant_id, status, installation_id FROM channel_bindings WHERE provider = 'github' AND external_id = ?").bind(`installation:${INSTALLATION}`).first();
    expect(binding).toEqual({ tenant_id: "gh-a", status: "confirmed", installation_id: String(INSTALLATION) });
    // The installation was read with the App's JWT.
    const read = (await standin.requests()).find((r) => r.path === `/app/installations/${INSTALLATION}`);
    expect(read?.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("a reused or forged state, or an installation older than the flow, connects nothing", async () => {
    const other = await bootstrap("gh-b");
    const state = await startGithubInstall(other);
    expect(await problem(await callback(`${state}x`, 7_700_002))).toMatchObject({ status: 400, code: "STATE_INVALID" });
    await standin.script([{ match: "/app/installations/7700002", body: { id: 7_700_002, account: { login: "someone-else" }, created_at: "2026-01-01T00:00:00Z", suspended_at: null } }]);
    expect(await problem(await callback(state, 7_700_002))).toMatchObject({ status: 409, code: "INSTALLATION_NOT_NEW" });
    expect(await problem(await callback(state, 7_700_003))).toMatchObject({ status: 400, code: "STATE_USED" });
    expect(await connection(7_700_002)).toBeNull();
    expect(await connection(7_700_003)).toBeNull();
  });

  it("the tenant's steps use an installation token minted with the App JWT for the target repository's installation", async () => {
    for (const [n, guid] of [[1, "0b8a2c6e-0000-4000-8000-0000000000a1"], [2, "0b8a2c6e-0000-4000-8000-0000000000a2"]] as const) {
      const payload = { ...githubIssueComment(`/cp reply on it ${n}`, { repo: `acct${INSTALLATION}/widgets` }), comment: { ...githubIssueComment("").comment, id: 2_115_000_100 + n, body: `/cp reply on it ${n}` } };
      expect((await post("/webhooks/github", await githubSigned("issue_comment", payload, guid))).status).toBe(202);
    }
    await drive();
    expect(await executionOf("issue_comment:2115000101#0")).toMatchObject({ tenant_id: "gh-a", status: "succeeded" });
    const sent = await standin.requests();
    const mints = sent.filter((r) => r.path === `/app/installations/${INSTALLATION}/access_tokens`);
    const comments = sent.filter((r) => r.path === `/repos/acct${INSTALLATION}/widgets/issues/42/comments`);
    // Reuse within one isolate is test/connections/github-app-token.test.ts's; two executions may run in two.
    expect(mints.length).toBeGreaterThanOrEqual(1);
    expect(mints.length).toBeLessThanOrEqual(2);
    expect(comments).toHaveLength(2);
    for (const c of comments) expect(c.headers.authorization).toMatch(new RegExp(`^Bearer ghs_${INSTALLATION}_\\d+$`));
    for (const mint of mints) expect(mint.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(comments.some((c) => c.headers.authorization?.includes(env.GITHUB_TOKEN ?? "unset"))).toBe(false);
  });

  it("a repository of an account the tenant has not installed fails NOT_CONNECTED before any call (no deployment-token fallback once installs exist)", async () => {
    const payload = { ...githubIssueComment("/cp reply hello", { repo: "acme/widgets" }), installation: { id: 9_900_001 } };
    expect((await post("/webhooks/github", await githubSigned("issue_comment", payload, "0b8a2c6e-0000-4000-8000-0000000000b1"))).status).toBe(202);
    await drive();
    const execution = await executionOf("issue_comment:2115000001#0");
    expect(execution).toMatchObject({ tenant_id: "default-tenant", status: "failed" });
    const sent = await standin.requests();
    expect(sent.filter((r) => r.host === "github.standin")).toEqual([]);
    const operator = await bootstrap("default-tenant");
    const view = await (await call("GET", `/v1/executions/${execution?.id ?? ""}`, { key: operator.key })).json();
    expect(JSON.stringify(view)).toContain("NOT_CONNECTED");
  });

  it("installation deleted (signed) deactivates the install and drops the binding", async () => {
    const res = await post("/webhooks/github", await githubSigned("installation", { action: "deleted", installation: { id: INSTALLATION }, sender: { login: "ada" } }, "0b8a2c6e-0000-4000-8000-0000000000c1"));
    expect(res.status).toBeLessThan(300);
    expect(await connection(INSTALLATION)).toMatchObject({ tenant_id: "gh-a", status: "inactive" });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM channel_bindings WHERE external_id = ?").bind(`installation:${INSTALLATION}`).first("n")).toBe(0);
  });

  it("suspend deactivates; unsuspend restores the install for the same tenant", async () => {
    const tenant = await bootstrap("gh-suspend");
    expect((await callback(await startGithubInstall(tenant), 7_700_004)).status).toBe(200);
    await post("/webhooks/github", await githubSigned("installation", { action: "suspend", installation: { id: 7_700_004 }, sender: { login: "ada" } }, "0b8a2c6e-0000-4000-8000-0000000000d1"));
    expect(await connection(7_700_004)).toMatchObject({ tenant_id: "gh-suspend", status: "inactive" });
    await post("/webhooks/github", await githubSigned("installation", { action: "unsuspend", installation: { id: 7_700_004 }, sender: { login: "ada" } }, "0b8a2c6e-0000-4000-8000-0000000000d2"));
    expect(await connection(7_700_004)).toMatchObject({ tenant_id: "gh-suspend", status: "active" });
    expect(await env.DB.prepare("SELECT status FROM channel_bindings WHERE external_id = 'installation:7700004'").first("status")).toBe("confirmed");
  });
});
