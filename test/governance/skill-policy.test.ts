import { beforeAll, describe, expect, it } from "vitest";
import type { UnsignedSkillManifest } from "../../contracts/skills/manifest.ts";
import { POLICY_SCHEMA } from "../../contracts/policy/document.ts";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";
import { bundleOf, installed, signedFor, trust } from "../skills/support/api-skills.ts";
import { testKey } from "../skills/support/keys.ts";
import { executionOf, runCommand } from "../skills/support/run-skill.ts";

const ECHO = bundleOf(`export default { async fetch(request) { return Response.json(await request.json()); } };\n`);

const textIn = { type: "object", properties: { text: { type: "string" } }, required: ["text"] };
const textOut = { type: "object", properties: { text: { type: "string" } } };
/** One low-risk and one high-risk tool, as their manifest declares them. */
const OPS_TOOLS: UnsignedSkillManifest["tools"] = [
  { name: "read", description: "Read a thing.", input: textIn, output: textOut, risk: "low", sideEffect: "read", idempotency: "natural" },
  { name: "wipe", description: "Wipe a thing.", input: textIn, output: textOut, risk: "high", sideEffect: "destructive", idempotency: "natural" },
];

const READ = "acme/ops/read";
const WIPE = "acme/ops/wipe";

interface Explained {
  tool: { key: string; version: string };
  toolRisk: string;
  decision: { verdict: string; tier: string; policyVersion: string; policyHash: string; approval?: { quorum: number; excludeRequester: boolean } };
  explanation: { basis: string; determiningRules: string[] };
}

async function explain(admin: Admin, tool: string): Promise<Response> {
  return call("POST", "/v1/policy/explain", { key: admin.key, body: { tool, input: { text: "hi" }, channel: "slack" } });
}

async function explained(admin: Admin, tool: string): Promise<Explained> {
  const res = await explain(admin, tool);
  if (res.status !== 200) throw new Error(`explain failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Explained;
}

function publish(admin: Admin, rules: unknown[]): Promise<Response> {
  return call("POST", "/v1/policies", { key: admin.key, body: { document: { schema: POLICY_SCHEMA, name: "ops", rules } } });
}

/** Allows the low-risk skill tool by key; blocks high-risk skill tools by tag. */
const OPS_RULES = [
  { id: "ops-read", match: { tools: [READ] }, effect: "allow" },
  { id: "no-high-skills", match: { tags: ["skill"], risks: ["high"] }, effect: "deny" },
];

let withSkill: Admin;
let without: Admin;

beforeAll(async () => {
  withSkill = await bootstrap("skill-policy");
  without = await bootstrap("skill-policy-other");
  const acme = await testKey(1, "acme");
  expect((await trust(withSkill, acme.trusted)).status).toBe(201);
  expect((await trust(without, acme.trusted)).status).toBe(201);
  const skill = await installed(withSkill.key, await signedFor(acme, ECHO, { skill: "acme/ops", version: "1.0.0", tools: OPS_TOOLS }), ECHO);
  expect(skill.tools).toEqual([READ, WIPE]);
});

describe("policy.explain and policy.publish use the caller tenant's registry (built-ins and its active skills)", () => {
  it("explain under the default policy gives an installed skill tool the tier its manifest declares", async () => {
    const read = await explained(withSkill, READ);
    expect(read).toMatchObject({ tool: { key: READ, version: "1.0.0" }, toolRisk: "low", decision: { verdict: "autonomous", tier: "low", policyVersion: "default-1" } });
    expect(read.explanation.basis).toBe("explicit_rule");

    const wipe = await explained(withSkill, WIPE);
    expect(wipe).toMatchObject({ toolRisk: "high", decision: { verdict: "approval_required", tier: "high", approval: { quorum: 2, excludeRequester: true } } });

    // Pinned to the installed version, too.
    expect((await explained(withSkill, `${READ}@1.0.0`)).tool).toEqual({ key: READ, version: "1.0.0" });
  });

  it("the same tool key is unknown in a tenant that has not installed the skill", async () => {
    for (const tool of [READ, WIPE, `${READ}@1.0.0`]) {
      const res = await explain(without, tool);
      expect(res.status, tool).toBe(404);
      expect((await problem(res)).code).toBe("UNKNOWN_TOOL");
    }
  });

  it("publish refuses, naming the rule, an allow rule for a skill tool whose manifest declares high risk", async () => {
    const res = await publish(withSkill, [{ id: "wipe-freely", match: { tools: [WIPE] }, effect: "allow" }]);
    expect(res.status).toBe(422);
    const p = await problem(res);
    expect(p.code).toBe("POLICY_HIGH_RISK_AUTONOMOUS");
    expect(p.detail).toContain("wipe-freely");
    expect(p.errors?.[0]).toMatchObject({ path: "document.rules.0" });
    // Judged by the installed tool's declared risk, not as an unregistered tool.
    expect(p.errors?.[0]?.message).toContain(`names the high-risk tool ${WIPE}`);
  });

  it("publish accepts an allow rule naming an installed low-risk skill tool, and refuses it where the skill is not installed", async () => {
    expect((await publish(withSkill, OPS_RULES)).status).toBe(201);

    const res = await publish(without, OPS_RULES);
    expect(res.status).toBe(422);
    const p = await problem(res);
    expect(p.code).toBe("POLICY_HIGH_RISK_AUTONOMOUS");
    expect(p.errors?.[0]?.message).toContain(`names ${READ}, which is not a registered tool`);
  });

  it("explain gives an installed skill tool the decision the active policy's rules give it", async () => {
    const res = await publish(withSkill, OPS_RULES);
    const version = ((await res.json()) as { version: string }).version;
    expect((await call("POST", `/v1/policies/${version}/activate`, { key: withSkill.key, body: { reason: "ops rules" } })).status).toBe(200);

    const read = await explained(withSkill, READ);
    expect(read.decision).toMatchObject({ verdict: "autonomous", policyVersion: version });
    expect(read.explanation.determiningRules).toEqual(["ops-read"]);

    const wipe = await explained(withSkill, WIPE);
    expect(wipe.decision).toMatchObject({ verdict: "blocked", policyVersion: version });
    expect(wipe.explanation.determiningRules).toEqual(["no-high-skills"]);

    const activated = await call("POST", "/v1/policies/default-1/activate", { key: withSkill.key, body: { reason: "back to defaults" } });
    expect(activated.status).toBe(200);
  });
});

describe("explain agrees with the verdict an execution of the skill step records", () => {
  async function agree(admin: Admin, tool: string): Promise<string> {
    const before = await explained(admin, tool);
    const submitted = await runCommand(admin, `run ${tool} text=hi`);
    const step = (await executionOf(admin, submitted.executionId)).steps[0];
    expect(step?.tool, tool).toEqual(before.tool);
    expect(step?.verdict, tool).toEqual(before.decision);
    return before.decision.verdict;
  }

  it("under the default policy and under a published one", async () => {
    const admin = await bootstrap("skill-policy-agree");
    const acme = await testKey(1, "acme");
    expect((await trust(admin, acme.trusted)).status).toBe(201);
    await installed(admin.key, await signedFor(acme, ECHO, { skill: "acme/ops", version: "1.0.0", tools: OPS_TOOLS }), ECHO);

    expect(await agree(admin, READ)).toBe("autonomous");
    expect(await agree(admin, WIPE)).toBe("approval_required");

    const published = (await (await publish(admin, OPS_RULES)).json()) as { version: string };
    expect((await call("POST", `/v1/policies/${published.version}/activate`, { key: admin.key, body: { reason: "ops rules" } })).status).toBe(200);
    expect(await agree(admin, READ)).toBe("autonomous");
    expect(await agree(admin, WIPE)).toBe("blocked");
  });
});
