import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { freshRateWindow } from "../../support/rate-window.ts";
import { testRateLimits } from "../../support/test-secrets.ts";
import { slackMention } from "../support/payloads.ts";
import { count, post, slackEvent } from "./support.ts";

const LIMIT = testRateLimits.WEBHOOK_TENANT_LIMIT.simple.limit;

describe("webhook intake over a tenant's rate limit", { timeout: 60_000 }, () => {
  beforeAll(async () => {
    const at = "2026-11-25T12:00:00.000Z";
    await env.DB.batch([
      env.DB.prepare("INSERT INTO tenants (id, name, created_at) VALUES ('hooked', 'Hooked', ?)").bind(at),
      env.DB.prepare("INSERT INTO channel_bindings (provider, external_id, tenant_id, created_at, status, confirmed_at) VALUES ('slack', 'T0001', 'hooked', ?, 'confirmed', ?)").bind(at, at),
    ]);
  });

  it("answers 429 with Retry-After and records nothing, so the provider's retry is a first delivery; another tenant is unaffected", async () => {
    await freshRateWindow(60_000, 30_000);
    // The same delivery again and again: one record, every copy counted. Should the clock-aligned window roll
    // over midway, more copies are accepted before the refusal, never fewer.
    const payload = slackMention("<@U0BOT> reply again");
    let accepted = 0;
    while (accepted < 3 * LIMIT && (await post("/webhooks/slack", await slackEvent(payload))).status === 200) accepted++;
    expect(accepted).toBeGreaterThanOrEqual(LIMIT);
    expect(await count("SELECT count(*) AS n FROM webhook_deliveries")).toBe(1);

    // Over the limit now: a new delivery is refused and leaves no trace.
    const fresh = { ...slackMention("<@U0BOT> reply once more"), event_id: "Ev0LIMITED" };
    const refused = await post("/webhooks/slack", await slackEvent(fresh));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await refused.json()).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(await count("SELECT count(*) AS n FROM webhook_deliveries")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM intents WHERE source_item_id = 'Ev0LIMITED'")).toBe(0);

    // Another team runs as DEFAULT_TENANT, whose count is its own.
    const elsewhere = { ...slackMention("<@U0BOT> reply elsewhere"), team_id: "T0OTHER", event_id: "Ev0ELSEWHERE" };
    expect((await post("/webhooks/slack", await slackEvent(elsewhere))).status).toBe(200);
    expect(await count("SELECT count(*) AS n FROM intents WHERE source_item_id = 'Ev0ELSEWHERE' AND tenant_id = 'default-tenant'")).toBe(1);
  });
});
