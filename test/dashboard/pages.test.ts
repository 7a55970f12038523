import { describe, expect, it } from "vitest";
import { bootstrap, call, createKey } from "../support/api.ts";
import { bundleOf, installed, signedFor, trust } from "../skills/support/api-skills.ts";
import { testKey } from "../skills/support/keys.ts";
import { login, page } from "./support.ts";

const document = { schema: "control-plane.policy/1", name: "acme", rules: [{ id: "low-ok", match: { risks: ["low"] }, effect: "allow" }] };

describe("dashboard pages", () => {
  it("drift alerts list a policy activation with its reason", async () => {
    const admin = await bootstrap("dash-drift");
    expect((await call("POST", "/v1/policies", { key: admin.key, body: { document } })).status).toBe(201);
    expect((await call("POST", "/v1/policies/1/activate", { key: admin.key, body: { reason: "adopt acme rules" } })).status).toBe(200);
    const alerts = await page("/dashboard/alerts", await login(admin.key));
    expect(alerts.status).toBe(200);
    expect(alerts.html).toContain("policy 1 activated: adopt acme rules");
    expect(alerts.html).not.toContain("Not built");
  });

  it("a page needing a capability the key lacks answers 403 as a dashboard page, as the API would", async () => {
    const admin = await bootstrap("dash-cap");
    const reader = await createKey(admin, ["control-plane.core"]);
    const session = await login(reader.key);
    const skills = await page("/dashboard/skills", session);
    expect(skills.status).toBe(403);
    expect(skills.html).toContain("FORBIDDEN: This key lacks the capability control-plane.skill-registry.");
    expect((await page("/dashboard/skills", await login(admin.key))).html).toContain("No skills installed.");
    expect((await page("/dashboard/executions?status=succeeded", session)).html).toContain("No executions with status succeeded.");
  });

  it("the skills page shows each skill's verification report, recomputed against current revocations", async () => {
    const admin = await bootstrap("dash-skill-report");
    const acme = await testKey(1, "acme");
    expect((await trust(admin, acme.trusted)).status).toBe(201);
    const bundle = bundleOf('export default { fetch() { return Response.json({ text: "hi" }); } };\n');
    await installed(admin.key, await signedFor(acme, bundle), bundle);
    const before = await page("/dashboard/skills", await login(admin.key));
    expect(before.status).toBe(200);
    expect(before.html).toContain("Verification report: acme/echo@1.2.0");
    expect(before.html).toContain("Verified now: all 14 checks passed.");
    expect(before.html).toContain("<td>bundle_digest</td>");
    expect(before.html).not.toContain(">fail<");

    expect((await call("POST", `/v1/trusted-keys/${acme.keyId}/revoke`, { key: admin.key, body: { reason: "compromised" } })).status).toBe(200);
    const after = await page("/dashboard/skills", await login(admin.key));
    expect(after.html).toContain("Fails verification now: KEY_REVOKED");
    expect(after.html).toMatch(/<td>key_revoked<\/td><td class="bad">fail<\/td><td>KEY_REVOKED<\/td>/);
  });
});
