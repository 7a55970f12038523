import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCredentials, type ResolveDeps } from "../../runtime/connections/resolve.ts";
import { deactivateConnection } from "../../runtime/connections/store.ts";
import { database } from "../../workers/db.ts";
import { providerConfigFromEnv, providerUrlsFromEnv } from "../../runtime/tools/config.ts";
import { install, tenant } from "./support.ts";

const db = database(env.DB);
const base = providerConfigFromEnv(env);
const deps: ResolveDeps = { db, credentialsKey: env.CREDENTIALS_KEY, base, urls: providerUrlsFromEnv(env), github: { token: async (id) => ({ ok: true, token: `ghs_for_${id}` }) } };

beforeAll(async () => {
  await tenant("ra");
  await tenant("rb");
});

describe("resolving a step's credentials from its tenant's installs", () => {
  it("single-tenant fallback: with no install of a provider anywhere, the deployment credential is used", async () => {
    const resolved = await resolveCredentials(deps, "ra", [{ provider: "slack", teamId: "T-ANY" }]);
    expect(resolved).toMatchObject({ ok: true, config: { slack: { botToken: env.SLACK_BOT_TOKEN } } });
    // Only what the step targets is handed over.
    expect(resolved.ok && resolved.config.github).toBeUndefined();
  });

  it("once any tenant installs the provider, the fallback is off for every tenant: an uninstalled target is NOT_CONNECTED", async () => {
    await install("ra", "slack", "T-A", "xoxb-a");
    expect(await resolveCredentials(deps, "ra", [{ provider: "slack", teamId: "T-A" }])).toMatchObject({ ok: true, config: { slack: { botToken: "xoxb-a", apiUrl: env.SLACK_API_URL } } });
    expect(await resolveCredentials(deps, "rb", [{ provider: "slack", teamId: "T-A" }])).toMatchObject({ ok: false, code: "NOT_CONNECTED" });
    expect(await resolveCredentials(deps, "rb", [{ provider: "slack" }])).toMatchObject({ ok: false, code: "NOT_CONNECTED" });
    expect(await resolveCredentials(deps, "ra", [{ provider: "slack", teamId: "T-OTHER" }])).toMatchObject({ ok: false, code: "NOT_CONNECTED" });
  });

  it("a step naming no workspace uses the tenant's only one, and none when it has several", async () => {
    expect(await resolveCredentials(deps, "ra", [{ provider: "slack" }])).toMatchObject({ ok: true, config: { slack: { botToken: "xoxb-a" } } });
    await install("ra", "slack", "T-A2", "xoxb-a2");
    expect(await resolveCredentials(deps, "ra", [{ provider: "slack" }])).toMatchObject({ ok: false, code: "NOT_CONNECTED" });
  });

  it("removing an install takes effect for the next step; installing again (a new token) too", async () => {
    await deactivateConnection(db, "slack", "T-A2", new Date());
    expect(await resolveCredentials(deps, "ra", [{ provider: "slack", teamId: "T-A2" }])).toMatchObject({ ok: false, code: "NOT_CONNECTED" });
    await install("ra", "slack", "T-A2", "xoxb-a2-new");
    expect(await resolveCredentials(deps, "ra", [{ provider: "slack", teamId: "T-A2" }])).toMatchObject({ ok: true, config: { slack: { botToken: "xoxb-a2-new" } } });
  });

  it("GitHub: the installation of the repository's owner, minted; another tenant's owner is NOT_CONNECTED", async () => {
    await install("rb", "github", "4242", null, { account: "Acme" });
    expect(await resolveCredentials(deps, "rb", [{ provider: "github", owner: "acme", repo: "web" }])).toMatchObject({ ok: true, config: { github: { token: "ghs_for_4242" } } });
    expect(await resolveCredentials(deps, "ra", [{ provider: "github", owner: "acme", repo: "web" }])).toMatchObject({ ok: false, code: "NOT_CONNECTED" });
    expect(await resolveCredentials(deps, "rb", [{ provider: "github", owner: "other", repo: "web" }])).toMatchObject({ ok: false, code: "NOT_CONNECTED" });
    const noApp = await resolveCredentials({ ...deps, github: undefined }, "rb", [{ provider: "github", owner: "acme", repo: "web" }]);
    expect(noApp).toMatchObject({ ok: false, code: "NOT_CONFIGURED" });
  });

  it("WhatsApp: the registered number sends, with its own token; Twilio senders match with or without the whatsapp: prefix", async () => {
    await install("rb", "meta", "1098765", "meta-token-b");
    await install("rb", "twilio", "+15550002222", JSON.stringify({ accountSid: "ACb", authToken: "twilio-b" }));
    expect(await resolveCredentials(deps, "rb", [{ provider: "meta" }])).toMatchObject({ ok: true, config: { meta: { accessToken: "meta-token-b", phoneNumberId: "1098765" } } });
    expect(await resolveCredentials(deps, "rb", [{ provider: "twilio", from: "whatsapp:+15550002222" }])).toMatchObject({
      ok: true,
      config: { twilio: { accountSid: "ACb", authToken: "twilio-b", whatsappFrom: "whatsapp:+15550002222" } },
    });
    expect(await resolveCredentials(deps, "ra", [{ provider: "meta", phoneNumberId: "1098765" }])).toMatchObject({ ok: false, code: "NOT_CONNECTED" });
  });

  it("after a CREDENTIALS_KEY rotation a step's open seals the credential again with the new key", async () => {
    await install("ra", "slack", "T-ROT", "xoxb-rot");
    const rotated = `k2:${Buffer.from(new Uint8Array(32).fill(7)).toString("base64url")},${env.CREDENTIALS_KEY ?? ""}`;
    const keyOf = async () => env.DB.prepare("SELECT key_id, sealed_credential FROM connections WHERE external_id = 'T-ROT'").first<{ key_id: string; sealed_credential: string }>();
    const before = await keyOf();
    expect(before?.key_id).toBe("test1");
    expect(await resolveCredentials({ ...deps, credentialsKey: rotated }, "ra", [{ provider: "slack", teamId: "T-ROT" }])).toMatchObject({ ok: true, config: { slack: { botToken: "xoxb-rot" } } });
    const after = await keyOf();
    expect(after?.key_id).toBe("k2");
    expect(after?.sealed_credential).not.toBe(before?.sealed_credential);
    // Opens with the new key alone: the old one can go.
    const newOnly = rotated.split(",")[0];
    expect(await resolveCredentials({ ...deps, credentialsKey: newOnly }, "ra", [{ provider: "slack", teamId: "T-ROT" }])).toMatchObject({ ok: true, config: { slack: { botToken: "xoxb-rot" } } });
  });

  it("a tampered sealed credential or a missing CREDENTIALS_KEY is an answer, never a thrown step", async () => {
    await install("ra", "slack", "T-TAMPER", "xoxb-tamper");
    const row = await env.DB.prepare("SELECT sealed_credential FROM connections WHERE external_id = 'T-TAMPER'").first<{ sealed_credential: string }>();
    const sealed = row?.sealed_credential ?? "";
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === "A" ? "B" : "A"}${sealed.at(-1) ?? ""}`;
    await env.DB.prepare("UPDATE connections SET sealed_credential = ? WHERE external_id = 'T-TAMPER'").bind(flipped).run();
    expect(await resolveCredentials(deps, "ra", [{ provider: "slack", teamId: "T-TAMPER" }])).toMatchObject({ ok: false, code: "NOT_CONNECTED" });
    expect(await resolveCredentials({ ...deps, credentialsKey: undefined }, "ra", [{ provider: "slack", teamId: "T-A" }])).toMatchObject({ ok: false, code: "NOT_CONFIGURED" });
  });
});
