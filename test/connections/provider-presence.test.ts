import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { forgetProviderPresence, PRESENCE_TTL_MS, providerPresent } from "../../runtime/connections/provider-presence.ts";
import { resolveCredentials, type ResolveDeps } from "../../runtime/connections/resolve.ts";
import { deactivateConnection } from "../../runtime/connections/store.ts";
import { database } from "../../workers/db.ts";
import { providerConfigFromEnv, providerUrlsFromEnv } from "../../runtime/tools/config.ts";
import { install, tenant } from "./support.ts";

const db = database(env.DB);
const deps: ResolveDeps = { db, credentialsKey: env.CREDENTIALS_KEY, base: providerConfigFromEnv(env), urls: providerUrlsFromEnv(env) };

beforeEach(() => forgetProviderPresence());

describe("whether any tenant has installed a provider, remembered per isolate", () => {
  it("is read once per PRESENCE_TTL_MS, then read again", async () => {
    let reads = 0;
    const read = async () => {
      reads += 1;
      return reads > 1;
    };
    expect(await providerPresent("meta", 1_000, read)).toBe(false);
    expect(await providerPresent("meta", 1_000 + PRESENCE_TTL_MS - 1, read)).toBe(false);
    expect(reads).toBe(1);
    expect(await providerPresent("meta", 1_000 + PRESENCE_TTL_MS, read)).toBe(true);
    expect(reads).toBe(2);
  });

  it("an install in this isolate turns the fallback off for the very next step, and removing the last one turns it on", async () => {
    await tenant("pa");
    await tenant("pb");
    // The fallback is used, and that no one has installed Slack is now remembered.
    expect(await resolveCredentials(deps, "pb", [{ provider: "slack" }])).toMatchObject({ ok: true, config: { slack: { botToken: env.SLACK_BOT_TOKEN } } });
    await install("pa", "slack", "T-PA", "xoxb-pa");
    // pb never installed Slack: the deployment credential is no longer theirs to use, at once.
    expect(await resolveCredentials(deps, "pb", [{ provider: "slack" }])).toMatchObject({ ok: false, code: "NOT_CONNECTED" });
    await deactivateConnection(db, "slack", "T-PA", new Date());
    expect(await resolveCredentials(deps, "pb", [{ provider: "slack" }])).toMatchObject({ ok: true, config: { slack: { botToken: env.SLACK_BOT_TOKEN } } });
  });

  it("an install another isolate made (a row this isolate did not write) is seen once the remembered answer expires", async () => {
    await tenant("pc");
    expect(await resolveCredentials(deps, "pc", [{ provider: "slack" }])).toMatchObject({ ok: true });
    await env.DB.prepare(
      "INSERT INTO connections (provider, external_id, tenant_id, status, details, installed_by, created_at, updated_at) VALUES ('slack', 'T-ELSEWHERE', 'pa', 'active', '{}', 'x', '2026-12-04T12:00:00Z', '2026-12-04T12:00:00Z')",
    ).run();
    // Within the window the remembered answer stands: the bound this cache accepts, and no longer than it.
    expect(await resolveCredentials(deps, "pc", [{ provider: "slack" }])).toMatchObject({ ok: true });
    forgetProviderPresence("slack"); // what PRESENCE_TTL_MS passing does, without waiting for it
    expect(await resolveCredentials(deps, "pc", [{ provider: "slack" }])).toMatchObject({ ok: false, code: "NOT_CONNECTED" });
  });
});
