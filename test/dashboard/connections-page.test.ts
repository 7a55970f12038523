import { describe, expect, it } from "vitest";
import { bootstrap, createKey } from "../support/api.ts";
import { installSlack } from "../connections/support-flow.ts";
import { csrfOf, login, page, postForm, ORIGIN } from "./support.ts";

describe("the dashboard's Connections page", () => {
  it("lists the tenant's installs with status and no credential, starts a reinstall, and removes one", async () => {
    const admin = await bootstrap("dash-conn");
    await installSlack(admin, "TDASH");
    const session = await login(admin.key);
    const listed = await page("/dashboard/connections", session);
    expect(listed.status).toBe(200);
    expect(listed.html).toContain("TDASH");
    expect(listed.html).toContain("Team TDASH");
    expect(listed.html).toContain('class="ok">active');
    expect(listed.html).not.toContain("xoxb-TDASH-installed");
    expect(listed.html).toContain("Install GitHub App");

    const csrf = await csrfOf(session);
    const reinstall = await postForm("/dashboard/connections/install", { provider: "slack", _csrf: csrf }, { origin: ORIGIN, cookie: session });
    expect(reinstall.status).toBe(303);
    const to = new URL(reinstall.headers.get("location") ?? "");
    expect(to.host).toBe("slack.standin");
    expect(to.searchParams.get("state")).toMatch(/^[\w-]+\.\d+\.[\w-]+$/);

    const removed = await postForm("/dashboard/connections/remove", { provider: "slack", externalId: "TDASH", _csrf: csrf }, { origin: ORIGIN, cookie: session });
    expect(removed.status).toBe(303);
    const after = await page("/dashboard/connections", session);
    expect(after.html).toContain('class="bad">inactive');
    expect(decodeURIComponent(removed.headers.get("location") ?? "")).toContain("NOT_CONNECTED");
  });

  it("a key without control-plane.admin sees no connections and cannot start an install", async () => {
    const admin = await bootstrap("dash-conn-2");
    const reader = await createKey(admin, ["control-plane.approval"]);
    const session = await login(reader.key);
    expect((await page("/dashboard/connections", session)).status).toBe(403);
    const start = await postForm("/dashboard/connections/install", { provider: "slack", _csrf: await csrfOf(session) }, { origin: ORIGIN, cookie: session });
    expect(start.status).toBe(403);
  });
});
