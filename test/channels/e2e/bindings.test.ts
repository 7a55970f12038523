import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { standin } from "../../support/standin.ts";
import { metaBatch, metaMessage, slackMention } from "../support/payloads.ts";
import { drive, executionOf, metaSigned, post, slackEvent } from "./support.ts";

describe("channel bindings through the whole Worker", () => {
  beforeAll(async () => {
    const at = "2026-11-25T12:00:00.000Z";
    await env.DB.batch([
      env.DB.prepare("INSERT INTO tenants (id, name, created_at) VALUES ('acme', 'Acme', ?)").bind(at),
      env.DB.prepare("INSERT INTO channel_bindings (provider, external_id, tenant_id, created_at, status) VALUES ('slack', 'T0001', 'acme', ?, 'confirmed')").bind(at),
      env.DB.prepare("INSERT INTO channel_bindings (provider, external_id, tenant_id, created_at, status) VALUES ('meta', '106540352242922', 'acme', ?, 'confirmed')").bind(at),
    ]);
  });
  beforeEach(() => standin.reset());

  it("runs a bound Slack team's mention as its tenant, and an unbound team's as DEFAULT_TENANT", async () => {
    expect((await post("/webhooks/slack", await slackEvent(slackMention("<@U0BOT> reply bound")))).status).toBe(200);
    const other = { ...slackMention("<@U0BOT> reply unbound"), team_id: "T0OTHER", event_id: "Ev0OTHER" };
    expect((await post("/webhooks/slack", await slackEvent(other))).status).toBe(200);
    await drive();

    expect(await executionOf("Ev0MENTION")).toMatchObject({ tenant_id: "acme", status: "succeeded" });
    expect(await executionOf("Ev0OTHER")).toMatchObject({ tenant_id: "default-tenant", status: "succeeded" });
    expect(await standin.requests()).toHaveLength(2);
  });

  it("maps a Meta phone number id to its tenant", async () => {
    const payload = metaBatch([[{ messages: [metaMessage("wamid.BOUND", "16505551234", "reply hello")] }]]);
    expect((await post("/webhooks/whatsapp", await metaSigned(payload))).status).toBe(200);
    await drive();
    expect(await executionOf("wamid.BOUND")).toMatchObject({ tenant_id: "acme", status: "succeeded" });
  });
});
