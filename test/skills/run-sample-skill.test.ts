import { beforeAll, describe, expect, it } from "vitest";
import bundleSource from "../../skills/acme-echo/bundle.js?raw";
import signed from "../fixtures/skills/acme-echo.signed.json";
import publicKeyFile from "../fixtures/skills/test-only-acme.pub.json";
import { digestOf } from "../../engine/hash.ts";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { bundleOf, installed, trust } from "./support/api-skills.ts";
import { executionOf, replayOutcome, runCommand, traceOf } from "./support/run-skill.ts";

let admin: Admin;

beforeAll(async () => {
  admin = await bootstrap("skills-sample");
  const res = await trust(admin, { ...publicKeyFile, notBefore: "2026-01-01T00:00:00Z", notAfter: "2029-01-01T00:00:00Z" });
  expect(res.status).toBe(201);
});

describe("the sample skill acme/echo, signed by the CLI, end to end", () => {
  it("installs, runs from `run acme/echo/echo …` in a sandbox, traces, and replays consistently", async () => {
    const skill = await installed(admin.key, signed, bundleOf(bundleSource));
    expect(skill.tools).toEqual(["acme/echo/echo"]);

    const submitted = await runCommand(admin, 'run acme/echo/echo text="hello from a skill"');
    const view = await executionOf(admin, submitted.executionId);
    expect(view.status).toBe("succeeded");
    expect(view.steps).toHaveLength(1);
    expect(view.steps[0]).toMatchObject({ tool: { key: "acme/echo/echo", version: "1.0.0" }, state: "succeeded", verdict: { verdict: "autonomous" } });
    expect(view.steps[0]?.outputDigest).toBe(digestOf({ text: "hello from a skill" }));

    const trace = await traceOf(admin, submitted.traceId);
    expect(trace.valid).toBe(true);
    expect(trace.events.map((e) => e.type)).toContain("controlPlane.execution.step.completed");
    // The echo skill declares no egress and made no request.
    expect(trace.events.some((e) => e.type === "controlPlane.skill.egress")).toBe(false);

    expect(await replayOutcome(admin, submitted.executionId)).toMatchObject({ outcome: "consistent", differences: [] });

    // Replay re-plans with the manifests recorded at start, not with what is installed now.
    const disabled = await call("POST", `/v1/skills/${skill.skillId}/disable`, { key: admin.key, body: { reason: "replay check" } });
    expect(disabled.status).toBe(200);
    expect(await replayOutcome(admin, submitted.executionId)).toMatchObject({ outcome: "consistent", differences: [] });
  });

  it("is not a tool for a tenant that has not installed it", async () => {
    const other = await bootstrap("skills-sample-other");
    const submitted = await runCommand(other, "run acme/echo/echo text=hi");
    expect((await executionOf(other, submitted.executionId)).status).toBe("rejected");
    expect((await standin.requests()).some((r) => r.path.endsWith("/chat.postMessage"))).toBe(true);
  });
});
