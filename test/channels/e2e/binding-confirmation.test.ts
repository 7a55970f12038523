import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, problem } from "../../support/api.ts";
import { bindDelivery, type BindOptions, type Provider } from "../../support/confirm-binding.ts";
import { testSecrets } from "../../support/test-secrets.ts";
import { githubIssueComment, slackMention } from "../support/payloads.ts";
import { githubSigned, post, slackEvent } from "./support.ts";

/**
 * A binding is a claim until a signed delivery from inside the channel carries its one-time code. Each test
 * tries one way to confirm without holding the channel or the code, and checks that nothing routes.
 */
let acme: Admin;
let globex: Admin;
beforeAll(async () => {
  acme = await bootstrap("conf-acme");
  globex = await bootstrap("conf-globex");
});

async function claim(admin: Admin, provider: Provider, externalId: string): Promise<string> {
  const res = await call("POST", "/v1/channel-bindings", { key: admin.key, body: { provider, externalId } });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { status: string; confirmation: { code: string } | null };
  expect(body.status).toBe("pending");
  if (body.confirmation === null) throw new Error("a pending binding answered no code");
  return body.confirmation.code;
}

async function sendBind(provider: Provider, externalId: string, code: string, options: BindOptions = {}): Promise<Response> {
  const delivery = await bindDelivery({ provider, externalId }, code, testSecrets, options);
  return post(delivery.path, delivery.init);
}

async function statusOf(tenantId: string, provider: string, externalId: string): Promise<string | null> {
  return env.DB.prepare("SELECT status FROM channel_bindings WHERE tenant_id = ? AND provider = ? AND external_id = ?").bind(tenantId, provider, externalId).first<string>("status");
}

async function tenantOfMention(teamId: string, eventId: string): Promise<string | null> {
  const payload = { ...slackMention("<@U0BOT> reply hi"), team_id: teamId, event_id: eventId };
  expect((await post("/webhooks/slack", await slackEvent(payload))).status).toBe(200);
  return env.DB.prepare("SELECT tenant_id FROM intents WHERE source_item_id = ?").bind(eventId).first<string>("tenant_id");
}

describe("a binding is pending until confirmed from inside its channel", () => {
  it("a pending binding routes nothing: its team's traffic goes to DEFAULT_TENANT", async () => {
    await claim(acme, "slack", "T0PENDING");
    expect(await tenantOfMention("T0PENDING", "Ev0PENDING1")).toBe("default-tenant");
  });

  it("a wrong code confirms nothing", async () => {
    const code = await claim(acme, "slack", "T0WRONG");
    const wrong = code.replace(/^./, (c) => (c === "A" ? "B" : "A"));
    expect((await sendBind("slack", "T0WRONG", wrong)).status).toBe(200);
    expect((await sendBind("slack", "T0WRONG", "not-a-code")).status).toBe(200);
    expect(await statusOf("conf-acme", "slack", "T0WRONG")).toBe("pending");
    expect(await tenantOfMention("T0WRONG", "Ev0WRONG1")).toBe("default-tenant");
  });

  it("an expired code confirms nothing", async () => {
    const code = await claim(acme, "slack", "T0EXPIRED");
    await env.DB.prepare("UPDATE channel_bindings SET code_expires_at = ? WHERE external_id = 'T0EXPIRED'").bind(new Date(Date.now() - 1000).toISOString()).run();
    expect((await sendBind("slack", "T0EXPIRED", code)).status).toBe(200);
    expect(await statusOf("conf-acme", "slack", "T0EXPIRED")).toBe("pending");
  });

  it("a code sent from another team confirms neither team", async () => {
    const code = await claim(acme, "slack", "T0TARGET");
    expect((await sendBind("slack", "T0ELSEWHERE", code)).status).toBe(200);
    expect(await statusOf("conf-acme", "slack", "T0TARGET")).toBe("pending");
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM channel_bindings WHERE external_id = 'T0ELSEWHERE'").first("n")).toBe(0);
  });

  it("a used code confirms nothing again, even for a new claim on the same channel", async () => {
    const code = await claim(acme, "slack", "T0REUSE");
    expect((await sendBind("slack", "T0REUSE", code)).status).toBe(200);
    expect(await statusOf("conf-acme", "slack", "T0REUSE")).toBe("confirmed");
    expect((await call("DELETE", "/v1/channel-bindings/slack/T0REUSE", { key: acme.key })).status).toBe(200);
    await claim(globex, "slack", "T0REUSE");
    expect((await sendBind("slack", "T0REUSE", code)).status).toBe(200);
    expect(await statusOf("conf-globex", "slack", "T0REUSE")).toBe("pending");
    expect(await statusOf("conf-acme", "slack", "T0REUSE")).toBeNull();
  });

  it("claims are not first-come: the tenant whose code arrives from the team wins, the squatter's claim is dropped", async () => {
    const squatter = await claim(globex, "slack", "T0OWNED");
    const owner = await claim(acme, "slack", "T0OWNED");
    expect((await sendBind("slack", "T0OWNED", owner)).status).toBe(200);
    expect(await statusOf("conf-acme", "slack", "T0OWNED")).toBe("confirmed");
    expect(await statusOf("conf-globex", "slack", "T0OWNED")).toBeNull();
    expect((await sendBind("slack", "T0OWNED", squatter)).status).toBe(200);
    expect(await statusOf("conf-acme", "slack", "T0OWNED")).toBe("confirmed");
    expect(await tenantOfMention("T0OWNED", "Ev0OWNED1")).toBe("conf-acme");
    const again = await call("POST", "/v1/channel-bindings", { key: globex.key, body: { provider: "slack", externalId: "T0OWNED" } });
    expect((await problem(again)).code).toBe("BINDING_TAKEN");
  });

  it("confirms a GitHub repository only from a comment by an owner, member or collaborator of it", async () => {
    const code = await claim(acme, "github", "acme/public");
    expect((await sendBind("github", "acme/public", code, { authorAssociation: "NONE" })).status).toBe(202);
    expect((await sendBind("github", "acme/public", code, { authorAssociation: "CONTRIBUTOR" })).status).toBe(202);
    expect(await statusOf("conf-acme", "github", "acme/public")).toBe("pending");
    expect((await sendBind("github", "acme/public", code, { authorAssociation: "MEMBER" })).status).toBe(202);
    expect(await statusOf("conf-acme", "github", "acme/public")).toBe("confirmed");
  });

  it("confirms WhatsApp numbers through Meta and Twilio, each from its own number", async () => {
    const meta = await claim(acme, "meta", "106540352242922");
    expect((await sendBind("meta", "106540352200000", meta)).status).toBe(200);
    expect(await statusOf("conf-acme", "meta", "106540352242922")).toBe("pending");
    expect((await sendBind("meta", "106540352242922", meta)).status).toBe(200);
    expect(await statusOf("conf-acme", "meta", "106540352242922")).toBe("confirmed");

    const twilio = await claim(acme, "twilio", "+14155238886");
    expect((await sendBind("twilio", "+14155230000", twilio)).status).toBe(200);
    expect(await statusOf("conf-acme", "twilio", "+14155238886")).toBe("pending");
    expect((await sendBind("twilio", "+14155238886", twilio)).status).toBe(200);
    expect(await statusOf("conf-acme", "twilio", "+14155238886")).toBe("confirmed");
  });
});

describe("a repository and its installation are never both bound", () => {
  it("refuses an installation whose repository another tenant confirmed through it (BINDING_CONFLICT at create)", async () => {
    const code = await claim(acme, "github", "acme/inside");
    expect((await sendBind("github", "acme/inside", code, { authorAssociation: "OWNER" })).status).toBe(202);
    // bindDelivery sends a repository's comment without an installation; confirm one that came through installation 501.
    await env.DB.prepare("UPDATE channel_bindings SET installation_id = '501' WHERE external_id = 'acme/inside'").run();
    for (const admin of [acme, globex]) {
      const res = await call("POST", "/v1/channel-bindings", { key: admin.key, body: { provider: "github", externalId: "installation:501" } });
      expect(res.status).toBe(409);
      expect((await problem(res)).code).toBe("BINDING_CONFLICT");
    }
  });

  it("does not confirm a repository whose comment came through an installation another tenant holds", async () => {
    const installation = await claim(globex, "github", "installation:777");
    expect((await sendBind("github", "installation:777", installation, { repository: "globex/tools" })).status).toBe(202);
    expect(await statusOf("conf-globex", "github", "installation:777")).toBe("confirmed");

    const repo = await claim(acme, "github", "globex/app");
    const comment = { ...githubIssueComment(`/cp bind ${repo}`, { repo: "globex/app" }), installation: { id: 777 } };
    comment.comment.author_association = "OWNER";
    expect((await post("/webhooks/github", await githubSigned("issue_comment", comment, "conflict-1"))).status).toBe(202);
    expect(await statusOf("conf-acme", "github", "globex/app")).toBe("pending");
  });

  it("refuses traffic two confirmed bindings claim, instead of routing it by lookup order", async () => {
    // Confirmed apart (the repository through a hook without an installation), they overlap only on this delivery.
    const repo = await claim(acme, "github", "globex/overlap");
    expect((await sendBind("github", "globex/overlap", repo)).status).toBe(202);
    const comment = { ...githubIssueComment("/cp reply hi", { repo: "globex/overlap" }), installation: { id: 777 } };
    comment.comment.id = 2_115_000_777;
    expect((await post("/webhooks/github", await githubSigned("issue_comment", comment, "overlap-1"))).status).toBe(202);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM intents WHERE source_item_id LIKE 'issue_comment:2115000777%'").first("n")).toBe(0);
    expect(await env.DB.prepare("SELECT status FROM webhook_deliveries WHERE delivery_id = '12345678:overlap-1'").first("status")).toBe("unbound");
  });
});
