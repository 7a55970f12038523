import { describe, expect, it } from "vitest";
import { bootstrap, call, createKey, problem } from "../support/api.ts";

const document = {
  schema: "control-plane.policy/1",
  name: "acme",
  rules: [
    { id: "low-ok", match: { risks: ["low"] }, effect: "allow" },
    { id: "labels-need-leads", match: { tools: ["github.issue.label"] }, effect: "require_approval", approval: { group: "leads" } },
  ],
};

describe("policy as a contract-served resource", () => {
  it("publishes immutable versions with a content hash, activates per tenant, and explains with the active one", async () => {
    const admin = await bootstrap("pol-a");
    const before = await call("GET", "/v1/policies/active", { key: admin.key });
    expect(await before.json()).toMatchObject({ version: "default-1", source: "default", active: true });

    const published = await call("POST", "/v1/policies", { key: admin.key, body: { document } });
    expect(published.status).toBe(201);
    const v1 = (await published.json()) as { version: string; hash: string; created: boolean; active: boolean };
    expect(v1).toMatchObject({ version: "1", created: true, active: false });
    expect(v1.hash).toMatch(/^[0-9a-f]{64}$/);

    const again = (await (await call("POST", "/v1/policies", { key: admin.key, body: { document } })).json()) as { version: string; created: boolean };
    expect(again).toMatchObject({ version: "1", created: false });

    const activated = await call("POST", "/v1/policies/1/activate", { key: admin.key, body: { reason: "adopt acme rules" } });
    expect(activated.status).toBe(200);
    expect(await (await call("GET", "/v1/policies/active", { key: admin.key })).json()).toMatchObject({ version: "1", hash: v1.hash });

    const explained = await call("POST", "/v1/policy/explain", { key: admin.key, body: { tool: "github.issue.label", input: { repo: "a/b" } } });
    expect(explained.status).toBe(200);
    const body = (await explained.json()) as { decision: { verdict: string; policyVersion: string }; explanation: { determiningRules: string[]; approval: { group: string }; rules: unknown[] } };
    expect(body.decision).toMatchObject({ verdict: "approval_required", policyVersion: "1" });
    expect(body.explanation).toMatchObject({ determiningRules: ["labels-need-leads"], approval: { group: "leads" } });
    expect(body.explanation.rules).toHaveLength(2);

    const list = (await (await call("GET", "/v1/policies", { key: admin.key })).json()) as { items: { version: string; active: boolean }[] };
    expect(list.items.map((i) => [i.version, i.active])).toEqual([["default-1", false], ["1", true]]);
  });

  it("refuses at publish a rule that would let a high-risk step run autonomously, naming the rule", async () => {
    const admin = await bootstrap("pol-b");
    const res = await call("POST", "/v1/policies", {
      key: admin.key,
      body: { document: { schema: "control-plane.policy/1", name: "bad", rules: [{ id: "close-freely", match: { tools: ["github.issue.close"] }, effect: "allow" }] } },
    });
    expect(res.status).toBe(422);
    const p = await problem(res);
    expect(p.code).toBe("POLICY_HIGH_RISK_AUTONOMOUS");
    expect(p.detail).toContain("close-freely");
    expect(p.errors?.[0]?.path).toBe("document.rules.0");
  });

  it("refuses code and unknown fields in a document as a validation problem", async () => {
    const admin = await bootstrap("pol-c");
    const res = await call("POST", "/v1/policies", {
      key: admin.key,
      body: { document: { schema: "control-plane.policy/1", name: "x", rules: [{ id: "r", effect: "allow", match: { risks: ["low"] }, when: "() => true" }] } },
    });
    expect(res.status).toBe(400);
  });

  it("another tenant's policy versions are 404, and publishing needs admin", async () => {
    const a = await bootstrap("pol-d");
    const b = await bootstrap("pol-e");
    expect((await call("POST", "/v1/policies", { key: a.key, body: { document } })).status).toBe(201);
    expect((await problem(await call("GET", "/v1/policies/1", { key: b.key }))).code).toBe("POLICY_NOT_FOUND");
    expect((await call("POST", "/v1/policies/1/activate", { key: b.key, body: {} })).status).toBe(404);
    const auditor = await createKey(a, ["control-plane.audit"]);
    expect((await call("POST", "/v1/policies", { key: auditor.key, body: { document } })).status).toBe(403);
    expect((await call("GET", "/v1/policies/1", { key: auditor.key })).status).toBe(200);
  });
});
