import { describe, expect, it } from "vitest";
import { slackApprovalValue, SLACK_APPROVAL_ACTIONS } from "../../workers/channels/slack-approval.ts";
import { ENV, MemorySink, testApp } from "./support/app.ts";
import { slackBlockActions, slackCommandForm, slackMention } from "./support/payloads.ts";
import { slackForm, slackJson, slackRequest } from "./support/requests.ts";

describe("POST /webhooks/slack", () => {
  it("answers url_verification with the challenge once the signature holds, recording nothing", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const payload = { token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" };
    const res = await app.request("/webhooks/slack", await slackJson(payload), ENV);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: payload.challenge });
    expect(sink.deliveries).toHaveLength(0);
  });

  it("refuses an unsigned url_verification like any other request", async () => {
    const { app } = testApp();
    const init = await slackJson({ challenge: "x", type: "url_verification" });
    const res = await app.request("/webhooks/slack", { ...init, headers: { "content-type": "application/json" } }, ENV);
    expect(res.status).toBe(401);
  });

  it("acknowledges an app_mention with an empty 200 after recording its intent", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const res = await app.request("/webhooks/slack", await slackJson(slackMention(), { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" }), ENV);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    const [delivery] = sink.deliveries;
    expect(delivery?.deliveryId).toBe("Ev0MENTION");
    expect(delivery?.retry).toBe(true);
    expect(delivery?.items.map((i) => i.kind)).toEqual(["intent"]);
  });

  it("acknowledges a slash command with a short ephemeral text", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const res = await app.request("/webhooks/slack", await slackForm(slackCommandForm()), ENV);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: "ephemeral", text: "Got it, working on it." });
    expect(sink.deliveries[0]?.deliveryId).toBe("13345224609.738474920.8088930838d88f008e0");
  });

  it("tells the user when the workspace is not connected, and still records the refusal", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const res = await app.request("/webhooks/slack", await slackForm(slackCommandForm("help", "T0UNKNOWN")), ENV);
    expect(await res.json()).toEqual({ response_type: "ephemeral", text: "This workspace is not connected to Control Plane." });
    expect(sink.deliveries[0]?.items[0]?.kind).toBe("unbound");
  });

  it("falls back to DEFAULT_TENANT for unbound traffic when one is configured", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    await app.request("/webhooks/slack", await slackForm(slackCommandForm("help", "T0UNKNOWN")), { ...ENV, DEFAULT_TENANT: "sandbox" });
    const item = sink.deliveries[0]?.items[0];
    expect(item?.kind === "intent" ? item.intent.tenantId : item?.kind).toBe("sandbox");
  });

  it("records an approval button press and answers an empty 200", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const form = slackBlockActions([{ action_id: SLACK_APPROVAL_ACTIONS.approve, value: slackApprovalValue({ executionId: "ex_1", stepId: "s1" }) }]);
    const res = await app.request("/webhooks/slack", await slackForm(form), ENV);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    expect(sink.deliveries[0]?.items[0]?.kind).toBe("approval");
  });

  it("answers ssl_check with an empty 200", async () => {
    const { app } = testApp();
    const res = await app.request("/webhooks/slack", await slackForm("ssl_check=1&token=XXYYZZ"), ENV);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });

  it("answers 400 for a signed body that is no Slack delivery", async () => {
    const { app } = testApp();
    const res = await app.request("/webhooks/slack", await slackRequest("not json", "application/json"), ENV);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});
