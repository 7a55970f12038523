import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, createKey, problem } from "../../support/api.ts";
import { slackMention } from "../support/payloads.ts";
import { post, slackEvent } from "./support.ts";
import { bindDelivery } from "../../support/confirm-binding.ts";
import { testSecrets } from "../../support/test-secrets.ts";

let acme: Admin;
let globex: Admin;

beforeAll(async () => {
  acme = await bootstrap("acme");
  globex = await bootstrap("globex");
});

const bindingsPath = "/v1/channel-bindings";

describe("controlPlane.channelBinding.create / list / delete", () => {
  it("claims a Slack team as pending with a one-time code, and confirms it only from inside the team", async () => {
    const created = await call("POST", bindingsPath, { key: acme.key, body: { provider: "slack", externalId: "T0001" } });
    expect(created.status).toBe(201);
    const view = (await created.json()) as { status: string; confirmation: { code: string; command: string; expiresAt: string } };
    expect(view).toMatchObject({ provider: "slack", externalId: "T0001", tenantId: "acme", status: "pending", confirmedAt: null });
    expect(view.confirmation.command).toBe(`/cp bind ${view.confirmation.code}`);
    // The code is stored only as a hash.
    const stored = await env.DB.prepare("SELECT * FROM channel_bindings WHERE external_id = 'T0001'").first<Record<string, unknown>>();
    expect(JSON.stringify(stored)).not.toContain(view.confirmation.code);

    // Claiming again issues a new code; the old one stops working.
    const again = await call("POST", bindingsPath, { key: acme.key, body: { provider: "slack", externalId: "T0001" } });
    expect(again.status).toBe(201);
    const second = (await again.json()) as { status: string; confirmation: { code: string } };
    expect(second.status).toBe("pending");
    expect(second.confirmation.code).not.toBe(view.confirmation.code);

    const old = await bindDelivery({ provider: "slack", externalId: "T0001" }, view.confirmation.code, testSecrets);
    expect((await post(old.path, old.init)).status).toBe(200);
    expect(await env.DB.prepare("SELECT status FROM channel_bindings WHERE external_id = 'T0001'").first("status")).toBe("pending");

    const good = await bindDelivery({ provider: "slack", externalId: "T0001" }, second.confirmation.code, testSecrets);
    expect((await post(good.path, good.init)).status).toBe(200);
    const listed = (await (await call("GET", `${bindingsPath}?provider=slack`, { key: acme.key })).json()) as { items: { status: string; confirmedAt: string | null }[] };
    expect(listed.items[0]).toMatchObject({ status: "confirmed" });
    expect(listed.items[0]?.confirmedAt).not.toBeNull();

    // Confirmed: binding again keeps it confirmed and issues no code; another tenant is refused.
    const confirmedAgain = await call("POST", bindingsPath, { key: acme.key, body: { provider: "slack", externalId: "T0001" } });
    expect(await confirmedAgain.json()).toMatchObject({ status: "confirmed", confirmation: null });
    const taken = await call("POST", bindingsPath, { key: globex.key, body: { provider: "slack", externalId: "T0001" } });
    expect(taken.status).toBe(409);
    const body = await problem(taken);
    expect(body.code).toBe("BINDING_TAKEN");
    expect(body.detail).not.toContain("acme");
  });

  it("routes the bound team's webhook traffic to its tenant", async () => {
    const payload = { ...slackMention("<@U0BOT> reply hi"), event_id: "Ev0VIAAPI" };
    expect((await post("/webhooks/slack", await slackEvent(payload))).status).toBe(200);
    expect(await env.DB.prepare("SELECT tenant_id FROM intents WHERE source_item_id = 'Ev0VIAAPI'").first("tenant_id")).toBe("acme");
  });

  it("refuses an external id of the wrong shape for its provider", async () => {
    for (const body of [
      { provider: "slack", externalId: "acme/widgets" },
      { provider: "github", externalId: "not a repo" },
      { provider: "meta", externalId: "+14155238886" },
      { provider: "twilio", externalId: "14155238886" },
    ]) {
      const res = await call("POST", bindingsPath, { key: acme.key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await problem(res)).errors?.[0]?.path).toBe("externalId");
    }
  });

  it("lists only the caller's bindings, by provider then id, a page at a time", async () => {
    for (const body of [
      { provider: "github", externalId: "acme/widgets" },
      { provider: "twilio", externalId: "+14155238886" },
      { provider: "meta", externalId: "106540352242922" },
    ]) {
      expect((await call("POST", bindingsPath, { key: acme.key, body })).status).toBe(201);
    }
    expect((await call("POST", bindingsPath, { key: globex.key, body: { provider: "github", externalId: "globex/app" } })).status).toBe(201);
    // A pending claim by another tenant is its own row: acme's list does not show it.
    expect((await call("POST", bindingsPath, { key: globex.key, body: { provider: "github", externalId: "acme/widgets" } })).status).toBe(201);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? "?limit=2" : `?limit=2&cursor=${cursor}`;
      const res = await call("GET", `${bindingsPath}${query}`, { key: acme.key });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { provider: string; externalId: string; tenantId: string }[]; nextCursor: string | null };
      expect(page.items.every((b) => b.tenantId === "acme")).toBe(true);
      seen.push(...page.items.map((b) => `${b.provider}:${b.externalId}`));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(["github:acme/widgets", "meta:106540352242922", "slack:T0001", "twilio:+14155238886"]);

    const onlySlack = await call("GET", `${bindingsPath}?provider=slack`, { key: acme.key });
    expect(((await onlySlack.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it("deletes a binding (a GitHub repository percent-encoded in the path); another tenant's is not found", async () => {
    const foreign = await call("DELETE", `${bindingsPath}/github/globex%2Fapp`, { key: acme.key });
    expect(foreign.status).toBe(404);
    expect((await problem(foreign)).code).toBe("BINDING_NOT_FOUND");

    const res = await call("DELETE", `${bindingsPath}/github/acme%2Fwidgets`, { key: acme.key });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ provider: "github", externalId: "acme/widgets", tenantId: "acme" });
    expect((await call("DELETE", `${bindingsPath}/github/acme%2Fwidgets`, { key: acme.key })).status).toBe(404);
  });

  it("sends an unbound team's traffic to DEFAULT_TENANT once its binding is deleted", async () => {
    expect((await call("DELETE", `${bindingsPath}/slack/T0001`, { key: acme.key })).status).toBe(200);
    const payload = { ...slackMention("<@U0BOT> reply hi"), event_id: "Ev0AFTERDELETE" };
    expect((await post("/webhooks/slack", await slackEvent(payload))).status).toBe(200);
    expect(await env.DB.prepare("SELECT tenant_id FROM intents WHERE source_item_id = 'Ev0AFTERDELETE'").first("tenant_id")).toBe("default-tenant");
  });

  it("requires control-plane.admin", async () => {
    const core = await createKey(acme, ["control-plane.core"]);
    const res = await call("GET", bindingsPath, { key: core.key });
    expect(res.status).toBe(403);
  });
});
