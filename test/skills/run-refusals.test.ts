import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { deliverHandoff, runAlarms, submit } from "../support/runtime.ts";
import { bundleOf, installed, registryTrace, signedFor, swapBundle, trust } from "./support/api-skills.ts";
import { testKey, type TestKey } from "./support/keys.ts";
import { executionOf, runCommand, SLACK_THREAD } from "./support/run-skill.ts";

const ECHO = bundleOf(`export default { async fetch(request) { const { text } = await request.json(); return Response.json({ text }); } };\n`);

let admin: Admin;
let acme: TestKey;

beforeAll(async () => {
  admin = await bootstrap("skills-run-refusals");
  acme = await testKey(1, "acme");
  expect((await trust(admin, acme.trusted)).status).toBe(201);
});

async function echoSkill(name: string, bundle = ECHO) {
  const manifest = await signedFor(acme, bundle, { skill: `acme/${name}` });
  return { manifest, skill: await installed(admin.key, manifest, bundle) };
}

afterEach(async () => {
  vi.useRealTimers();
  await standin.reset();
});

/**
 * Planned and started (plan compiled with the skill), but its step not run yet: the execution starts its
 * first calls at once, so the skill step (steps[1]) waits behind a reply whose first attempt answers 503
 * and is retried after a backoff. `resume` moves the clock past the backoff and runs the alarms.
 */
async function started(command: string) {
  await standin.script([{ match: "chat.postMessage", status: 503, body: { ok: false }, times: 1 }]);
  const submitted = await submit(admin.key, { channel: "slack", replyTo: SLACK_THREAD, text: `reply hold then ${command}` });
  await deliverHandoff(submitted, admin.tenantId);
  await runAlarms(submitted.executionId);
  const view = await executionOf(admin, submitted.executionId);
  expect(view.steps.map((s) => s.state)).toEqual(["pending", "pending"]);
  return submitted;
}

async function resume(executionId: string): Promise<void> {
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + 60_000);
  await runAlarms(executionId);
}

describe("a skill step is refused at run time", () => {
  it("when the bundle in R2 was swapped after install: BUNDLE_DIGEST_MISMATCH", async () => {
    const { manifest } = await echoSkill("swapped");
    const tampered = ECHO.slice();
    tampered[ECHO.length - 3] = "0".charCodeAt(0);
    await swapBundle(manifest.bundle.sha256, tampered);
    const submitted = await runCommand(admin, "run acme/swapped/echo text=hi");
    const view = await executionOf(admin, submitted.executionId);
    expect(view.steps[0]).toMatchObject({ state: "failed", lastError: { code: "BUNDLE_DIGEST_MISMATCH" } });
  });

  it("when the skill was disabled after the plan was made: SKILL_DISABLED, and the disabling is traced", async () => {
    const { skill } = await echoSkill("disabled");
    const submitted = await started("run acme/disabled/echo text=hi");
    const res = await call("POST", `/v1/skills/${skill.skillId}/disable`, { key: admin.key, body: { reason: "misbehaving" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "disabled" });
    await resume(submitted.executionId);
    const view = await executionOf(admin, submitted.executionId);
    expect(view.steps[1]).toMatchObject({ state: "failed", lastError: { code: "SKILL_DISABLED" } });

    const again = await call("POST", `/v1/skills/${skill.skillId}/disable`, { key: admin.key, body: {} });
    expect(await again.json()).toMatchObject({ status: "disabled" });
    const trace = await registryTrace(admin);
    const disabled = trace.events.filter((e) => e.type === "controlPlane.skill.disabled" && e.payload.skillId === skill.skillId);
    expect(disabled.map((e) => e.payload.reason)).toEqual(["misbehaving"]);
  });

  it("once disabled, the skill's tools are not in new plans", async () => {
    const submitted = await runCommand(admin, "run acme/disabled/echo text=hi");
    expect((await executionOf(admin, submitted.executionId)).status).toBe("rejected");
  });

  it("revoking the signing key disables every skill it signed", async () => {
    const signer = await testKey(5, "initech");
    expect((await trust(admin, signer.trusted)).status).toBe(201);
    const manifest = await signedFor(signer, ECHO, { skill: "initech/echo", publisher: "initech" });
    const skill = await installed(admin.key, manifest, ECHO);
    const submitted = await started("run initech/echo/echo text=hi");

    const res = await call("POST", `/v1/trusted-keys/${signer.keyId}/revoke`, { key: admin.key, body: { reason: "leaked" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ key: { status: "revoked", revokedReason: "leaked" }, disabledSkills: [skill.skillId] });
    await resume(submitted.executionId);
    expect((await executionOf(admin, submitted.executionId)).steps[1]).toMatchObject({ state: "failed", lastError: { code: "SKILL_DISABLED" } });

    const list = await call("GET", "/v1/skills?publisher=initech", { key: admin.key });
    expect(((await list.json()) as { items: { status: string }[] }).items.map((s) => s.status)).toEqual(["disabled"]);
  });

  it("an unknown skill id answers 404 SKILL_NOT_FOUND", async () => {
    const res = await call("POST", "/v1/skills/sk_nope/disable", { key: admin.key, body: {} });
    expect(res.status).toBe(404);
  });
});
