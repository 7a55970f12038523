import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bootstrap, call, problem } from "../support/api.ts";
import { deliverHandoff, runAlarms, submit } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";

const SID = `AC${"a".repeat(32)}`;

describe("WhatsApp numbers registered through the API, checked against the provider", () => {
  it("Meta: the number id is read with the tenant's token before it becomes an active install and binding", async () => {
    const admin = await bootstrap("wa-a");
    await standin.reset();
    const res = await call("POST", "/v1/connections/whatsapp", { key: admin.key, body: { provider: "meta", phoneNumberId: "2220001", accessToken: "EAAG-tenant-a-token" } });
    expect(res.status).toBe(201);
    const view = await res.json();
    expect(view).toMatchObject({ provider: "meta", externalId: "2220001", status: "active", hasCredential: true, details: { number: "+1 555-000-0000", name: "Standin Co" } });
    expect(JSON.stringify(view)).not.toContain("EAAG-tenant-a-token");
    const [read] = await standin.requests();
    expect(read).toMatchObject({ method: "GET", host: "graph.standin", path: "/v24.0/2220001" });
    expect(read?.headers.authorization).toBe("Bearer EAAG-tenant-a-token");
    expect(await env.DB.prepare("SELECT status FROM channel_bindings WHERE provider = 'meta' AND external_id = '2220001'").first("status")).toBe("confirmed");
    const raw = JSON.stringify(await env.DB.prepare("SELECT * FROM connections WHERE external_id = '2220001'").first());
    expect(raw).not.toContain("EAAG-tenant-a-token");
  });

  it("a credential the provider refuses registers nothing", async () => {
    const admin = await bootstrap("wa-b");
    const meta = await call("POST", "/v1/connections/whatsapp", { key: admin.key, body: { provider: "meta", phoneNumberId: "2220002", accessToken: "refused-token-xx" } });
    expect(await problem(meta)).toMatchObject({ status: 422, code: "PROVIDER_CHECK_FAILED" });
    const twilio = await call("POST", "/v1/connections/whatsapp", { key: admin.key, body: { provider: "twilio", accountSid: SID, authToken: "refused-auth-token-0000", from: "+15550002222" } });
    expect(await problem(twilio)).toMatchObject({ status: 422, code: "PROVIDER_CHECK_FAILED" });
    const notTheirs = await call("POST", "/v1/connections/whatsapp", { key: admin.key, body: { provider: "twilio", accountSid: SID, authToken: "good-auth-token-00000", from: "+15550009999" } });
    expect(await problem(notTheirs)).toMatchObject({ status: 422, code: "PROVIDER_CHECK_FAILED" });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM connections WHERE tenant_id = 'wa-b'").first("n")).toBe(0);
    const bad = await call("POST", "/v1/connections/whatsapp", { key: admin.key, body: { provider: "twilio", accountSid: "nope", authToken: "x", from: "123" } });
    expect((await problem(bad)).status).toBe(400);
  });

  it("Twilio: registered, listed without the credential, used for the tenant's sends, and removed", async () => {
    const admin = await bootstrap("wa-c");
    const res = await call("POST", "/v1/connections/whatsapp", { key: admin.key, body: { provider: "twilio", accountSid: SID, authToken: "tenant-c-auth-token-1", from: "+15550003333" } });
    expect(res.status).toBe(201);
    const list = await (await call("GET", "/v1/connections", { key: admin.key })).json();
    expect(list).toEqual({ items: [expect.objectContaining({ provider: "twilio", externalId: "+15550003333", status: "active", hasCredential: true })] });
    expect(JSON.stringify(list)).not.toContain("tenant-c-auth-token-1");

    await standin.reset();
    const submitted = await submit(admin.key, { channel: "api", replyTo: { kind: "whatsapp_twilio", from: "whatsapp:+15550003333", to: "whatsapp:+15551230000" }, text: "reply hi" });
    await deliverHandoff(submitted, admin.tenantId);
    await runAlarms(submitted.executionId);
    const sent = (await standin.requests()).filter((r) => r.path.endsWith("/Messages.json"));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(sent[0]?.headers.authorization).toBe(`Basic ${btoa(`${SID}:tenant-c-auth-token-1`)}`);

    const removed = await call("DELETE", `/v1/connections/twilio/${encodeURIComponent("+15550003333")}`, { key: admin.key });
    expect(await removed.json()).toMatchObject({ status: "inactive", hasCredential: false });
    expect(await problem(await call("DELETE", "/v1/connections/twilio/%2B15550003333", { key: (await bootstrap("wa-d")).key }))).toMatchObject({ status: 404, code: "CONNECTION_NOT_FOUND" });
  });
});
