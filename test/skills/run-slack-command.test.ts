import { beforeAll, describe, expect, it } from "vitest";
import bundleSource from "../../skills/acme-echo/bundle.js?raw";
import { digestOf } from "../../engine/hash.ts";
import signed from "../fixtures/skills/acme-echo.signed.json";
import publicKeyFile from "../fixtures/skills/test-only-acme.pub.json";
import { drive, executionOf, post, slackFormPost } from "../channels/e2e/support.ts";
import { slackCommandForm } from "../channels/support/payloads.ts";
import { type Admin, bootstrap } from "../support/api.ts";
import { bundleOf, installed, trust } from "./support/api-skills.ts";
import { executionOf as executionView, replayOutcome, traceOf } from "./support/run-skill.ts";

const TRIGGER = "13345224609.738474920.8088930838d88f008e0";

let admin: Admin;

beforeAll(async () => {
  // Unbound Slack traffic lands in DEFAULT_TENANT, which the tests set to `default-tenant`.
  admin = await bootstrap("default-tenant");
  expect((await trust(admin, { ...publicKeyFile, notBefore: "2026-01-01T00:00:00Z", notAfter: "2029-01-01T00:00:00Z" })).status).toBe(201);
  await installed(admin.key, signed, bundleOf(bundleSource));
});

describe("the sample skill from a signed Slack slash command", () => {
  it("`/cp run acme/echo/echo …` runs the skill in its sandbox and replays consistently", async () => {
    const res = await post("/webhooks/slack", await slackFormPost(slackCommandForm('run acme/echo/echo text="from slack"')));
    expect(res.status).toBe(200);
    await drive();

    const row = await executionOf(TRIGGER);
    expect(row).toMatchObject({ tenant_id: "default-tenant", status: "succeeded" });
    const executionId = row?.id ?? "";
    const view = await executionView(admin, executionId);
    expect(view.steps.map((s) => [s.tool.key, s.state, s.outputDigest])).toEqual([["acme/echo/echo", "succeeded", digestOf({ text: "from slack" })]]);

    const trace = await traceOf(admin, row?.trace_id ?? "");
    expect(trace.valid).toBe(true);
    expect(trace.events.filter((e) => e.type.startsWith("controlPlane.execution.step.")).map((e) => e.capabilitySource)).toEqual([
      "acme/echo@1.0.0",
      "acme/echo@1.0.0",
    ]);
    expect(await replayOutcome(admin, executionId)).toMatchObject({ outcome: "consistent" });
  });
});
