import { beforeAll, describe, expect, it } from "vitest";
import { digestOf } from "../../engine/hash.ts";
import { type Admin, bootstrap } from "../support/api.ts";
import { bundleOf, installed, signedFor, trust } from "./support/api-skills.ts";
import { testKey, type TestKey } from "./support/keys.ts";
import { executionOf, runCommand } from "./support/run-skill.ts";

let admin: Admin;
let acme: TestKey;

beforeAll(async () => {
  admin = await bootstrap("skills-limits");
  acme = await testKey(1, "acme");
  expect((await trust(admin, acme.trusted)).status).toBe(201);
});

async function runBundle(name: string, source: string) {
  const bundle = bundleOf(source);
  await installed(admin.key, await signedFor(acme, bundle, { skill: `acme/${name}` }), bundle);
  const submitted = await runCommand(admin, `run acme/${name}/echo text=hi`);
  return (await executionOf(admin, submitted.executionId)).steps[0];
}

// A CPU-spinning bundle is not tested: local workerd does not enforce `limits.cpuMs` for loaded isolates,
// and the spin would block the test runtime. Deployed, the runtime ends the isolate at SANDBOX_LIMITS.cpuMs.
describe("the sandbox's answers", () => {
  it("refuses output that does not match the tool's output schema", async () => {
    const step = await runBundle("liar", "export default { async fetch() { return Response.json({ text: 42 }); } };\n");
    expect(step).toMatchObject({ state: "failed", lastError: { code: "OUTPUT_INVALID" } });
  });

  it("reports a bundle's own error answer", async () => {
    const step = await runBundle("grumpy", 'export default { async fetch() { return Response.json({ code: "NOPE", detail: "no" }, { status: 500 }); } };\n');
    expect(step).toMatchObject({ state: "failed", lastError: { code: "SKILL_FAILED" } });
  });

  it("gives the bundle no bindings", async () => {
    const step = await runBundle("snoop", "export default { async fetch(request, env) { return Response.json({ text: Object.keys(env).join(',') }); } };\n");
    expect(step).toMatchObject({ state: "succeeded", outputDigest: digestOf({ text: "" }) });
  });
});
