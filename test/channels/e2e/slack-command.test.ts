import { beforeEach, describe, expect, it } from "vitest";
import { standin } from "../../support/standin.ts";
import { slackCommandForm } from "../support/payloads.ts";
import { count, drive, executionOf, post, slackFormPost, traceTypes } from "./support.ts";

const TRIGGER = "13345224609.738474920.8088930838d88f008e0";

describe("a Slack slash command through the whole Worker", () => {
  beforeEach(() => standin.reset());

  it("acknowledges at once, then answers `/cp reply hi` at the command's response_url", async () => {
    const res = await post("/webhooks/slack", await slackFormPost(slackCommandForm("reply hi")));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: "ephemeral", text: "Got it, working on it." });
    // The ack comes after the durable record and the handoff, never after execution.
    expect(await count("SELECT count(*) AS n FROM intents WHERE source_item_id = ? AND status = 'received'", TRIGGER)).toBe(1);
    expect(await standin.requests()).toEqual([]);

    await drive();

    const execution = await executionOf(TRIGGER);
    expect(execution).toMatchObject({ tenant_id: "default-tenant", status: "succeeded" });
    const sent = await standin.requests();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: "POST", host: "hooks.slack.com", path: "/commands/T0001/1234/abcd" });
    expect(JSON.parse(sent[0]?.body ?? "{}")).toEqual({ response_type: "in_channel", text: "hi" });
    const types = await traceTypes(execution?.trace_id ?? "");
    expect(types.slice(0, 2)).toEqual(["controlPlane.intent.received", "controlPlane.plan.compiled"]);
    expect(types).toContain("controlPlane.execution.step.completed");
    expect(types.at(-1)).toBe("controlPlane.execution.completed");
  });
});

describe("a slash command the grammar cannot read", () => {
  beforeEach(() => standin.reset());

  it("answers with help at the response_url instead of guessing", async () => {
    const form = slackCommandForm("frobnicate the widgets").replace(TRIGGER, "99999999999.000000000.unparseable");
    expect((await post("/webhooks/slack", await slackFormPost(form))).status).toBe(200);
    await drive();

    const sent = await standin.requests();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.host).toBe("hooks.slack.com");
    const text = (JSON.parse(sent[0]?.body ?? "{}") as { text?: string }).text ?? "";
    expect(text).toMatch(/^I don't know `frobnicate`\./);
  });
});
