import { describe, expect, it } from "vitest";
import { bootstrap, call } from "../support/api.ts";
import { csrfOf, login, page, postForm } from "./support.ts";

describe("dashboard sign-in", () => {
  it("refuses a bad key with 401 and sets no cookie", async () => {
    await bootstrap("dash-bad");
    const res = await postForm("/dashboard/login", { key: "cpk_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("That API key is not valid.");
  });

  it("sets a Secure, HttpOnly, SameSite=Strict cookie that holds the key id, not the key", async () => {
    const admin = await bootstrap("dash-cookie");
    const res = await postForm("/dashboard/login", { key: admin.key });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/approvals");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^cp_dashboard=/);
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/dashboard");
    expect(cookie).toContain(admin.keyId);
    expect(cookie).not.toContain(admin.key);
  });

  it("pages redirect to the login form without a session, or with a forged or revoked one", async () => {
    const admin = await bootstrap("dash-pages");
    for (const path of ["/dashboard/approvals", "/dashboard/executions", "/dashboard/skills", "/dashboard/executions/exe_x"]) {
      const anonymous = await page(path, "");
      expect(anonymous.status).toBe(303);
      expect(anonymous.location).toBe("/dashboard/login");
    }
    const cookie = await login(admin.key);
    expect((await page("/dashboard/executions", cookie)).status).toBe(200);
    const forged = cookie.replace(/\.[A-Za-z0-9_-]+$/, ".AAAA");
    expect((await page("/dashboard/executions", forged)).status).toBe(303);

    const other = await call("POST", "/v1/keys", { key: admin.key, body: { name: "short", capabilities: ["control-plane.core"] } });
    const { key, keyId } = (await other.json()) as { key: string; keyId: string };
    const session = await login(key);
    expect((await page("/dashboard/executions", session)).status).toBe(200);
    expect((await call("POST", `/v1/keys/${keyId}/revoke`, { key: admin.key })).status).toBe(200);
    expect((await page("/dashboard/executions", session)).location).toBe("/dashboard/login");
  });

  it("refuses a POST without the session's CSRF token, or from another origin", async () => {
    const admin = await bootstrap("dash-csrf");
    const cookie = await login(admin.key);
    const token = await csrfOf(cookie);
    const noToken = await postForm("/dashboard/logout", {}, { origin: "http://cp.test", cookie });
    expect(noToken.status).toBe(403);
    const wrongToken = await postForm("/dashboard/logout", { _csrf: "nope" }, { origin: "http://cp.test", cookie });
    expect(wrongToken.status).toBe(403);
    const crossSite = await postForm("/dashboard/logout", { _csrf: token }, { origin: "http://evil.test", cookie });
    expect(crossSite.status).toBe(403);
    const noOrigin = await postForm("/dashboard/logout", { _csrf: token }, { cookie });
    expect(noOrigin.status).toBe(403);
    const ok = await postForm("/dashboard/logout", { _csrf: token }, { origin: "http://cp.test", cookie });
    expect(ok.status).toBe(303);
  });
});
