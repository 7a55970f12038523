import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, createKey, problem } from "../../support/api.ts";
import { standin } from "../../support/standin.ts";
import { getExecution, slackPosts } from "../../runtime/support/flow.ts";
import { slackMention } from "../support/payloads.ts";
import { drive, executionOf, post, slackEvent } from "./support.ts";
import { bindDelivery } from "../../support/confirm-binding.ts";
import { testSecrets } from "../../support/test-secrets.ts";

/**
 * A channel binding may narrow the grant every intent through it runs under: the same narrowing an API key's
 * grant carries, recorded with each intent, pinned by its execution and checked at every step dispatch.
 */
let acme: Admin;
let globex: Admin;
beforeAll(async () => {
  acme = await bootstrap("bgrant-acme");
  globex = await bootstrap("bgrant-globex");
});
beforeEach(() => standin.reset());

const bindingsPath = "/v1/channel-bindings";
const CORE = "control-plane.core";

function bind(admin: Admin, externalId: string, grant?: unknown) {
  return call("POST", bindingsPath, { key: admin.key, body: { provider: "slack", externalId, ...(grant === undefined ? {} : { grant }) } });
}

/** A signed Slack mention from `teamId`, delivered and driven to its end. */
async function mention(teamId: string, eventId: string, text: string) {
  const payload = { ...slackMention(`<@U0BOT> ${text}`), team_id: teamId, event_id: eventId, authorizations: [{ team_id: teamId, user_id: "U0BOT", is_bot: true }] };
  expect((await post("/webhooks/slack", await slackEvent(payload))).status).toBe(200);
  await drive();
  const execution = await executionOf(eventId);
  if (execution === null) throw new Error(`no execution for ${eventId}`);
  return execution;
}

async function replay(admin: Admin, executionId: string) {
  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  expect(res.status).toBe(200);
  return (await res.json()) as { outcome: string; differences: unknown[] };
}

describe("channel bindings carrying a grant narrowing", () => {
  it("shows the narrowing in create and list answers; a binding without one shows null; confirming keeps it", async () => {
    const created = await bind(acme, "T0REPLY", { tools: ["channel.reply"] });
    expect(created.status).toBe(201);
    const reply = (await created.json()) as { confirmation: { code: string } };
    expect(reply).toMatchObject({
      provider: "slack",
      externalId: "T0REPLY",
      tenantId: "bgrant-acme",
      status: "pending",
      grant: { tools: ["channel.reply"], channels: null, constraints: null },
    });
    const post_ = await bind(acme, "T0POST", { tools: ["slack.message.post"] });
    expect(post_.status).toBe(201);
    const plain = await bind(acme, "T0PLAIN");
    expect(plain.status).toBe(201);
    const plainView = (await plain.json()) as { confirmation: { code: string } };
    expect(plainView).toMatchObject({ externalId: "T0PLAIN", grant: null });

    // Each is confirmed from inside its team with its own code.
    const codes: [string, string][] = [["T0REPLY", reply.confirmation.code], ["T0POST", ((await post_.json()) as { confirmation: { code: string } }).confirmation.code], ["T0PLAIN", plainView.confirmation.code]];
    for (const [externalId, code] of codes) {
      const delivery = await bindDelivery({ provider: "slack", externalId }, code, testSecrets);
      expect((await post(delivery.path, delivery.init)).status).toBe(200);
    }
    const listed = (await (await call("GET", bindingsPath, { key: acme.key })).json()) as { items: { externalId: string; grant: unknown; status: string }[] };
    expect(listed.items.every((b) => b.status === "confirmed")).toBe(true);
    expect(Object.fromEntries(listed.items.map((b) => [b.externalId, b.grant]))).toEqual({
      T0PLAIN: null,
      T0POST: { tools: ["slack.message.post"], channels: null, constraints: null },
      T0REPLY: { tools: ["channel.reply"], channels: null, constraints: null },
    });
  });

  it("validates the narrowing as a key's is: declarative operators only, no unknown fields", async () => {
    const code = await bind(acme, "T0BAD", { constraints: [{ args: [{ path: "text", op: "matches_js", value: "x => true" }] }] });
    expect(code.status).toBe(400);
    const unknownField = await bind(acme, "T0BAD", { capability: CORE, tools: ["channel.reply"] });
    expect(unknownField.status).toBe(400);
    const empty = await bind(acme, "T0BAD", { tools: [] });
    expect(empty.status).toBe(400);
  });

  it("runs a signed Slack `reply hi` through a binding narrowed to channel.reply", async () => {
    const execution = await mention("T0REPLY", "Ev0GRANTREPLY", "reply hi");
    expect(execution).toMatchObject({ tenant_id: "bgrant-acme", status: "succeeded" });
    const posts = await slackPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toContain("hi");
    const scope = await env.DB.prepare("SELECT grant_scope FROM intents WHERE source_item_id = 'Ev0GRANTREPLY'").first<{ grant_scope: string }>();
    expect(JSON.parse(scope?.grant_scope ?? "null")).toEqual({ capability: CORE, tools: ["channel.reply"], channels: null, constraints: null });
  });

  it("blocks the step a binding's narrowing does not reach: nothing is posted, and replay is consistent", async () => {
    const execution = await mention("T0POST", "Ev0GRANTPOST", "reply hi");
    expect(execution).toMatchObject({ tenant_id: "bgrant-acme", status: "failed" });
    const view = await getExecution(acme, execution.id);
    expect(view.steps[0]).toMatchObject({ state: "failed", attempts: 0, reason: { code: "POLICY_BLOCKED" }, verdict: { verdict: "blocked" } });
    expect(view.steps[0]?.reason?.message).toContain("GRANT_SCOPE_EXCEEDED");
    expect(await slackPosts()).toHaveLength(0);

    const trace = (await (await call("GET", `/v1/traces/${execution.trace_id}?includePayloads=true`, { key: acme.key })).json()) as {
      events: { type: string; payload?: { grantScope?: unknown } }[];
    };
    const pinned = trace.events.find((e) => e.type === "controlPlane.execution.policy_pinned");
    expect(pinned?.payload?.grantScope).toEqual({ capability: CORE, tools: ["slack.message.post"], channels: null, constraints: null });

    const report = await replay(acme, execution.id);
    expect(report.differences).toEqual([]);
    expect(report.outcome).toBe("consistent");
  });

  it("leaves a binding without a grant to policy alone, as before", async () => {
    const execution = await mention("T0PLAIN", "Ev0GRANTPLAIN", "reply hi");
    expect(execution).toMatchObject({ tenant_id: "bgrant-acme", status: "succeeded" });
    expect(await slackPosts()).toHaveLength(1);
    expect(await env.DB.prepare("SELECT grant_scope FROM intents WHERE source_item_id = 'Ev0GRANTPLAIN'").first("grant_scope")).toBeNull();
  });

  it("treats a stored grant that no longer parses as allowing no tool, never as no narrowing", async () => {
    await env.DB.prepare("INSERT INTO channel_bindings (provider, external_id, tenant_id, grant_scope, created_at, status) VALUES ('slack', 'T0GARBLED', 'bgrant-acme', ?, ?, 'confirmed')")
      .bind(JSON.stringify({ tools: "channel.reply" }), "2026-11-25T12:00:00.000Z")
      .run();
    const execution = await mention("T0GARBLED", "Ev0GRANTGARBLED", "reply hi");
    expect(execution).toMatchObject({ tenant_id: "bgrant-acme", status: "failed" });
    expect((await getExecution(acme, execution.id)).steps[0]?.reason?.message).toContain("GRANT_SCOPE_EXCEEDED");
    expect(await slackPosts()).toHaveLength(0);
    const listed = (await (await call("GET", `${bindingsPath}?provider=slack`, { key: acme.key })).json()) as { items: { externalId: string; grant: unknown }[] };
    expect(listed.items.find((b) => b.externalId === "T0GARBLED")?.grant).toEqual({ tools: [], channels: null, constraints: null });
  });

  it("keeps unbound (DEFAULT_TENANT) traffic unnarrowed", async () => {
    const execution = await mention("T0NOBINDING", "Ev0GRANTDEFAULT", "reply hi");
    expect(execution).toMatchObject({ tenant_id: "default-tenant", status: "succeeded" });
    expect(await env.DB.prepare("SELECT grant_scope FROM intents WHERE source_item_id = 'Ev0GRANTDEFAULT'").first("grant_scope")).toBeNull();
  });

  it("changes the narrowing when the owning tenant binds again, taking effect for the next delivery", async () => {
    const widened = await bind(acme, "T0POST", { tools: ["channel.*"] });
    expect(widened.status).toBe(201);
    expect(await widened.json()).toMatchObject({ grant: { tools: ["channel.*"] } });
    expect(await mention("T0POST", "Ev0GRANTWIDENED", "reply again")).toMatchObject({ status: "succeeded" });
    expect(await slackPosts()).toHaveLength(1);
    // Back to what the earlier tests expect of T0POST.
    expect((await bind(acme, "T0POST", { tools: ["slack.message.post"] })).status).toBe(201);
  });

  it("another tenant can neither see nor change a binding's grant", async () => {
    const taken = await bind(globex, "T0POST", { tools: ["*"] });
    expect(taken.status).toBe(409);
    expect((await problem(taken)).code).toBe("BINDING_TAKEN");
    const listed = (await (await call("GET", bindingsPath, { key: globex.key })).json()) as { items: unknown[] };
    expect(listed.items).toEqual([]);
    const row = await env.DB.prepare("SELECT tenant_id, grant_scope FROM channel_bindings WHERE external_id = 'T0POST'").first<{ tenant_id: string; grant_scope: string }>();
    expect(row?.tenant_id).toBe("bgrant-acme");
    expect(JSON.parse(row?.grant_scope ?? "null")).toEqual({ tools: ["slack.message.post"], channels: null, constraints: null });
    expect((await call("DELETE", `${bindingsPath}/slack/T0POST`, { key: globex.key })).status).toBe(404);
  });

  it("a caller whose own control-plane.core grant is narrowed binds at least as narrowly", async () => {
    const narrowAdmin = await createKey(acme, ["control-plane.admin", { capability: CORE, tools: ["channel.reply"] } as unknown as string]);
    const open = await call("POST", bindingsPath, { key: narrowAdmin.key, body: { provider: "slack", externalId: "T0NARROW" } });
    expect(open.status).toBe(403);
    expect((await problem(open)).code).toBe("GRANT_WIDER_THAN_HELD");
    const wider = await call("POST", bindingsPath, { key: narrowAdmin.key, body: { provider: "slack", externalId: "T0NARROW", grant: { tools: ["github.*"] } } });
    expect((await problem(wider)).errors?.[0]?.path).toBe("grant");
    const inside = await call("POST", bindingsPath, { key: narrowAdmin.key, body: { provider: "slack", externalId: "T0NARROW", grant: { tools: ["channel.reply"] } } });
    expect(inside.status).toBe(201);
  });
});
