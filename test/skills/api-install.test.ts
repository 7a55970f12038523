import { beforeAll, describe, expect, it } from "vitest";
import { toBase64 } from "../../engine/skills/base64url.ts";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { bundleOf, install, installed, registryTrace, signedFor, trust } from "./support/api-skills.ts";
import { testKey, type TestKey } from "./support/keys.ts";

const BUNDLE = bundleOf('export default { fetch() { return Response.json({ text: "hi" }); } };\n');

let admin: Admin;
let acme: TestKey;

beforeAll(async () => {
  admin = await bootstrap("skills-install");
  acme = await testKey(1, "acme");
  expect((await trust(admin, acme.trusted)).status).toBe(201);
});

describe("skill.install, verify and list", () => {
  it("verify reports every check without installing or tracing", async () => {
    const manifest = await signedFor(acme, BUNDLE);
    const res = await call("POST", "/v1/skills/verify", { key: admin.key, body: { manifest, bundle: toBase64(BUNDLE) } });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { ok: boolean; checks: { name: string; outcome: string }[]; manifestDigest: string };
    expect(report.ok).toBe(true);
    expect(report.checks).toHaveLength(14);
    expect(report.checks.every((c) => c.outcome === "pass")).toBe(true);
    expect((await registryTrace(admin)).events.map((e) => e.type)).toEqual(["controlPlane.trustedKey.added"]);
    expect(((await (await call("GET", "/v1/skills", { key: admin.key })).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("verify answers a failing check as a report, not an error; without a bundle the bundle checks are skipped", async () => {
    const manifest = { ...(await signedFor(acme, BUNDLE)), description: "edited" };
    const res = await call("POST", "/v1/skills/verify", { key: admin.key, body: { manifest } });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { ok: boolean; firstFailure: { code: string }; checks: { name: string; outcome: string }[] };
    expect(report).toMatchObject({ ok: false, firstFailure: { code: "SIGNATURE_INVALID" } });
    expect(report.checks.find((c) => c.name === "bundle_digest")?.outcome).toBe("skipped");
  });

  it("installs a verified skill: bundle in R2 by digest, manifest in D1, traced", async () => {
    const manifest = await signedFor(acme, BUNDLE);
    const res = await install(admin.key, manifest, BUNDLE);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { skill: Record<string, unknown>; checks: unknown[] };
    expect(body.skill).toMatchObject({ skill: "acme/echo", version: "1.2.0", status: "active", bundleDigest: manifest.bundle.sha256, signingKeyId: acme.keyId, tools: ["acme/echo/echo"], disabledAt: null });
    expect(body.checks).toHaveLength(14);

    const trace = await registryTrace(admin);
    expect(trace.valid).toBe(true);
    expect(trace.events.at(-1)).toMatchObject({ type: "controlPlane.skill.installed", payload: { skill: "acme/echo", version: "1.2.0" } });
  });

  it("installs a newer version alongside; list shows newest first", async () => {
    await installed(admin.key, await signedFor(acme, BUNDLE, { version: "1.3.0" }), BUNDLE);
    const res = await call("GET", "/v1/skills?limit=1", { key: admin.key });
    const page = (await res.json()) as { items: { version: string }[]; nextCursor: string | null };
    expect(page.items.map((s) => s.version)).toEqual(["1.3.0"]);
    expect(page.nextCursor).not.toBeNull();
    const next = await call("GET", `/v1/skills?limit=1&cursor=${page.nextCursor ?? ""}`, { key: admin.key });
    expect(((await next.json()) as { items: { version: string }[] }).items.map((s) => s.version)).toEqual(["1.2.0"]);
  });

  it("revoking an installed version disables it", async () => {
    const res = await call("POST", "/v1/skill-revocations", { key: admin.key, body: { skill: "acme/echo", version: "1.3.0", reason: "bad release" } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { disabledSkills: string[] };
    expect(body.disabledSkills).toHaveLength(1);
    const list = await call("GET", "/v1/skills?status=disabled", { key: admin.key });
    expect(((await list.json()) as { items: { version: string }[] }).items.map((s) => s.version)).toEqual(["1.3.0"]);
  });
});
