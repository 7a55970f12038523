import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { webhookRoutes } from "../../../workers/channels/routes.ts";
import type { Env } from "../../../workers/env.ts";
import { channelSink, tenantResolver } from "../../../workers/ingest/channel-sink.ts";
import { slackCommandForm, slackMention } from "../support/payloads.ts";
import { count, slackEvent, slackFormPost } from "./support.ts";

/**
 * The tests bind DEFAULT_TENANT, so the "no default" deployment is the Worker's own composition
 * (webhook routes on the D1 sink and resolver) served with that one binding removed.
 */
const app = webhookRoutes<Env>((e) => ({ sink: channelSink(e), resolveTenant: tenantResolver(e) }), { log: () => {} });
const withoutDefault: Env = { ...env, DEFAULT_TENANT: undefined };
const send = (init: RequestInit) => app.request("http://cp.test/webhooks/slack", init, withoutDefault);

describe("traffic with no binding and no DEFAULT_TENANT", () => {
  it("records an unbound slash command, creates no intent, and tells the user the workspace is not connected", async () => {
    const res = await send(await slackFormPost(slackCommandForm("reply hi", "T0NOBODY")));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: "ephemeral", text: "This workspace is not connected to Control Plane." });

    const row = await env.DB.prepare("SELECT status, tenant_id FROM webhook_deliveries WHERE provider = 'slack'").first();
    expect(row).toEqual({ status: "unbound", tenant_id: null });
    expect(await count("SELECT count(*) AS n FROM intents")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM executions")).toBe(0);
  });

  it("records an unbound mention without work, and still serves a bound team", async () => {
    const unbound = { ...slackMention("<@U0BOT> reply hi"), team_id: "T0NOBODY", event_id: "Ev0NOBODY" };
    expect((await send(await slackEvent(unbound))).status).toBe(200);
    expect(await env.DB.prepare("SELECT status FROM webhook_deliveries WHERE delivery_id = 'Ev0NOBODY'").first("status")).toBe("unbound");

    const at = "2026-11-25T12:00:00.000Z";
    await env.DB.batch([
      env.DB.prepare("INSERT INTO tenants (id, name, created_at) VALUES ('acme', 'Acme', ?)").bind(at),
      env.DB.prepare("INSERT INTO channel_bindings (provider, external_id, tenant_id, created_at, status) VALUES ('slack', 'T0001', 'acme', ?, 'confirmed')").bind(at),
    ]);
    expect((await send(await slackEvent(slackMention("<@U0BOT> reply bound")))).status).toBe(200);
    expect(await env.DB.prepare("SELECT tenant_id FROM intents WHERE source_item_id = 'Ev0MENTION'").first("tenant_id")).toBe("acme");
    expect(await count("SELECT count(*) AS n FROM intents")).toBe(1);
  });
});
