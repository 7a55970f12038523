import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { issueConnectState } from "../../runtime/connections/state.ts";
import { database } from "../../workers/db.ts";
import { bootstrap, call, createKey, problem } from "../support/api.ts";
import { deliverHandoff, runAlarms, submit } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";
import { getManual, installSlack, slackCallback, slackEvent, startSlackInstall } from "./support-flow.ts";

async function connection(team: string) {
  return env.DB.prepare("SELECT * FROM connections WHERE provider = 'slack' AND external_id = ?").bind(team).first<Record<string, string | null>>();
}
async function binding(team: string) {
  return env.DB.prepare("SELECT tenant_id, status FROM channel_bindings WHERE provider = 'slack' AND external_id = ?").bind(team).all<{ tenant_id: string; status: string }>();
}

describe("Slack OAuth v2 install", () => {
  it("only a tenant admin starts it; the redirect carries client id, scopes, callback and a state", async () => {
    const admin = await bootstrap("sl-a");
    expect((await getManual("/connect/slack")).status).toBe(401);
    const reader = await createKey(admin, ["control-plane.audit"]);
    expect(await problem(await getManual("/connect/slack", reader.key))).toMatchObject({ status: 403, code: "FORBIDDEN" });
    const res = await getManual("/connect/slack", admin.key);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get("location") ?? "");
    expect(`${to.origin}${to.pathname}`).toBe("http://slack.standin/oauth/v2/authorize");
    expect(to.searchParams.get("client_id")).toBe("1111.2222");
    expect(to.searchParams.get("redirect_uri")).toBe("http://cp.test/connect/slack/callback");
    expect(to.searchParams.get("scope")).toContain("chat:write");
    expect(to.searchParams.get("state")).toMatch(/^[\w-]+\.\d+\.[\w-]+$/);
  });

  it("a good state installs: the bot token is stored sealed and the team becomes the tenant's confirmed binding", async () => {
    const admin = await bootstrap("sl-good");
    const res = await slackCallback(await startSlackInstall(admin), "TGOOD");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Team TGOOD");
    const row = await connection("TGOOD");
    expect(row).toMatchObject({ tenant_id: "sl-good", status: "active", installed_by: admin.principalId, key_id: "test1" });
    expect(JSON.stringify(row)).not.toContain("xoxb-TGOOD-installed");
    expect((await binding("TGOOD")).results).toEqual([{ tenant_id: "sl-good", status: "confirmed" }]);
  });

  it("a reused state installs nothing (STATE_USED)", async () => {
    const admin = await bootstrap("sl-reuse");
    const state = await startSlackInstall(admin);
    expect((await slackCallback(state, "TREUSE1")).status).toBe(200);
    expect(await problem(await slackCallback(state, "TREUSE2"))).toMatchObject({ status: 400, code: "STATE_USED" });
    expect(await connection("TREUSE2")).toBeNull();
  });

  it("a forged state (flipped character, missing, another provider's) installs nothing (STATE_INVALID)", async () => {
    const admin = await bootstrap("sl-forged");
    const state = await startSlackInstall(admin);
    const last = state.at(-1) === "A" ? "B" : "A";
    for (const forged of [`${state.slice(0, -1)}${last}`, "", "abc.123.def", state.replace(/\.(\d+)\./, (_, n: string) => `.${Number(n) + 600}.`)]) {
      expect(await problem(await slackCallback(forged, "TFORGED"))).toMatchObject({ status: 400, code: "STATE_INVALID" });
    }
    const github = await issueConnectState(database(env.DB), env.APPROVAL_SIGNING_KEY ?? "", { tenantId: "sl-forged", principalId: admin.principalId, provider: "github" }, new Date());
    expect(await problem(await slackCallback(github, "TFORGED"))).toMatchObject({ code: "STATE_INVALID" });
    expect(await connection("TFORGED")).toBeNull();
    // The state still works afterwards: forgeries did not use it up.
    expect((await slackCallback(state, "TFORGED")).status).toBe(200);
  });

  it("an expired state installs nothing (STATE_EXPIRED)", async () => {
    const admin = await bootstrap("sl-expired");
    const old = await issueConnectState(database(env.DB), env.APPROVAL_SIGNING_KEY ?? "", { tenantId: "sl-expired", principalId: admin.principalId, provider: "slack" }, new Date(Date.now() - 11 * 60 * 1000));
    expect(await problem(await slackCallback(old, "TEXPIRED"))).toMatchObject({ status: 400, code: "STATE_EXPIRED" });
    expect(await connection("TEXPIRED")).toBeNull();
  });

  it("a code Slack refuses installs nothing", async () => {
    const admin = await bootstrap("sl-badcode");
    const state = await startSlackInstall(admin);
    const res = await call("GET", `/connect/slack/callback?code=nonsense&state=${encodeURIComponent(state)}`);
    expect(await problem(res)).toMatchObject({ status: 502, code: "INSTALL_EXCHANGE_FAILED" });
  });

  it("a team another tenant installed cannot be installed by a second tenant (BINDING_TAKEN)", async () => {
    const other = await bootstrap("sl-second");
    expect(await problem(await slackCallback(await startSlackInstall(other), "TGOOD"))).toMatchObject({ status: 409, code: "BINDING_TAKEN" });
    expect(await connection("TGOOD")).toMatchObject({ tenant_id: "sl-good", status: "active" });
  });

  it("each tenant's steps post with its own team's bot token", async () => {
    const one = await bootstrap("sl-one");
    const two = await bootstrap("sl-two");
    await installSlack(one, "TONE");
    await installSlack(two, "TTWO");
    await standin.reset();
    const executionIds: string[] = [];
    const traceIds: string[] = [];
    for (const [admin, team] of [[one, "TONE"], [two, "TTWO"]] as const) {
      const submitted = await submit(admin.key, { channel: "slack", replyTo: { kind: "slack", teamId: team, channelId: "C1" }, text: `reply hi from ${team}` });
      executionIds.push(submitted.executionId);
      traceIds.push(submitted.traceId);
      await deliverHandoff(submitted, admin.tenantId);
      await runAlarms(submitted.executionId);
    }
    const posts = (await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage"));
    // The token went out on the wire, and nowhere into what the control plane records or shows.
    const view = await (await call("GET", `/v1/executions/${executionIds[0] ?? ""}`, { key: one.key })).text();
    const trace = await (await call("GET", `/v1/traces/${traceIds[0] ?? ""}?includePayloads=true`, { key: one.key })).text();
    expect(view).toContain("succeeded");
    expect(trace).toContain("controlPlane.execution.step.completed");
    for (const recorded of [view, trace]) expect(recorded).not.toContain("xoxb-TONE-installed");
    expect(posts.map((p) => [JSON.parse(p.body).text, p.headers.authorization])).toEqual([
      ["hi from TONE", "Bearer xoxb-TONE-installed"],
      ["hi from TTWO", "Bearer xoxb-TTWO-installed"],
    ]);
  });

  it("approval notices to the tenant's workspace go out with its own bot token too", async () => {
    const admin = await bootstrap("sl-notice");
    await installSlack(admin, "TNOTICE");
    await standin.reset();
    const submitted = await submit(admin.key, { channel: "slack", replyTo: { kind: "slack", teamId: "TNOTICE", channelId: "C9" }, text: "close acme/app#4" });
    await deliverHandoff(submitted, admin.tenantId);
    await runAlarms(submitted.executionId);
    const posts = (await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage"));
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) expect(post.headers.authorization).toBe("Bearer xoxb-TNOTICE-installed");
  });

  it("app_uninstalled removes the token and the binding; tokens_revoked for the bot too, for users only not", async () => {
    await slackEvent({ type: "event_callback", team_id: "TONE", event_id: "Ev1", event: { type: "tokens_revoked", tokens: { oauth: ["UX"] } } });
    expect(await connection("TONE")).toMatchObject({ status: "active" });
    const res = await slackEvent({ type: "event_callback", team_id: "TONE", event_id: "Ev2", event: { type: "app_uninstalled" } });
    expect(res.status).toBe(200);
    expect(await connection("TONE")).toMatchObject({ status: "inactive", sealed_credential: null });
    expect((await binding("TONE")).results).toEqual([]);
    await slackEvent({ type: "event_callback", team_id: "TTWO", event_id: "Ev3", event: { type: "tokens_revoked", tokens: { bot: ["UTTWO"] } } });
    expect(await connection("TTWO")).toMatchObject({ status: "inactive", sealed_credential: null });
  });

  it("an unsigned uninstall changes nothing", async () => {
    const body = JSON.stringify({ type: "event_callback", team_id: "TGOOD", event_id: "Ev4", event: { type: "app_uninstalled" } });
    const res = await call("POST", "/webhooks/slack", { body, headers: { "content-type": "application/json", "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)), "x-slack-signature": "v0=00" } });
    expect(res.status).toBe(401);
    expect(await connection("TGOOD")).toMatchObject({ status: "active" });
  });
});
