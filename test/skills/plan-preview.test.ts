import { beforeAll, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, ensureBound } from "../support/api.ts";
import { bundleOf, installed, signedFor, trust } from "./support/api-skills.ts";
import { testKey } from "./support/keys.ts";
import { SLACK_THREAD } from "./support/run-skill.ts";

const ECHO = bundleOf(`export default { async fetch(request) { return Response.json(await request.json()); } };\n`);

let admin: Admin;

beforeAll(async () => {
  admin = await bootstrap("skills-preview");
  await ensureBound(admin, { provider: "slack", externalId: SLACK_THREAD.teamId });
  const acme = await testKey(1, "acme");
  expect((await trust(admin, acme.trusted)).status).toBe(201);
  await installed(admin.key, await signedFor(acme, ECHO), ECHO);
});

describe("previews use the tenant's registry", () => {
  it("plan.compile plans a skill step, and execution.start accepts the previewed digest", async () => {
    const compiled = await call("POST", "/v1/plans/compile", { key: admin.key, body: { channel: "slack", replyTo: SLACK_THREAD, text: "run acme/echo/echo text=hi" } });
    expect(compiled.status).toBe(200);
    const preview = (await compiled.json()) as { status: string; intent: unknown; plan: { digest: string; steps: { tool: { key: string } }[] } };
    expect(preview.status).toBe("compiled");
    expect(preview.plan.steps.map((s) => s.tool.key)).toEqual(["acme/echo/echo"]);

    const started = await call("POST", "/v1/executions", { key: admin.key, body: { intent: preview.intent, expectedDigest: preview.plan.digest } });
    expect(started.status).toBeLessThan(300);
  });
});
