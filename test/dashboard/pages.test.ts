import { describe, expect, it } from "vitest";
import { bootstrap, call, createKey } from "../support/api.ts";
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
});
