import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { slackCommandForm } from "../channels/support/payloads.ts";
import { drive, executionOf, post, slackFormPost } from "../channels/e2e/support.ts";
import { login, page } from "../dashboard/support.ts";

const RESPONSE_URL = "https://hooks.slack.com/commands/T0001/1234/abcd";
const SLACK_VERIFICATION_TOKEN = "gIkuvaNzQIHg97ATvDxqgjtO";
const TRIGGER = "13345224609.738474920.8088930838d88f008e0";

function expectNoCredential(where: string, text: string) {
  for (const secret of [RESPONSE_URL, "commands/T0001/1234", SLACK_VERIFICATION_TOKEN]) {
    expect(text.includes(secret), `${where} carries ${secret}`).toBe(false);
  }
}

let admin: Admin;
// Unbound Slack traffic falls back to DEFAULT_TENANT; its admin reads everything the tenant holds.
beforeAll(async () => {
  admin = await bootstrap("default-tenant");
});

describe("provider credentials never reach a reader", () => {
  beforeEach(() => standin.reset());

  it("a slash command's response_url is used to answer it, and appears in no API or dashboard answer", async () => {
    expect((await post("/webhooks/slack", await slackFormPost(slackCommandForm("close acme/app#5")))).status).toBe(200);
    await drive();
    const execution = await executionOf(TRIGGER);
    if (execution === null) throw new Error("no execution");
    expect(execution.status).toBe("waiting_approval");
    // The runtime still holds and uses it: the approval request was posted at the response_url.
    expect((await standin.requests()).some((r) => r.host === "hooks.slack.com" && r.path === "/commands/T0001/1234/abcd")).toBe(true);

    const answers: [string, Response][] = [
      ["execution.get", await call("GET", `/v1/executions/${execution.id}`, { key: admin.key })],
      ["execution.list", await call("GET", "/v1/executions", { key: admin.key })],
      ["trace.get", await call("GET", `/v1/traces/${execution.trace_id}?includePayloads=true`, { key: admin.key })],
      ["approval.list", await call("GET", "/v1/approvals?mine=false", { key: admin.key })],
      ["execution.replay", await call("POST", `/v1/executions/${execution.id}/replay`, { key: admin.key, body: {} })],
    ];
    for (const [name, res] of answers) {
      expect(res.status, name).toBe(200);
      expectNoCredential(name, await res.text());
    }

    const session = await login(admin.key);
    for (const path of ["/dashboard/approvals", "/dashboard/executions", `/dashboard/executions/${execution.id}`]) {
      const shown = await page(path, session);
      expect(shown.status, path).toBe(200);
      expectNoCredential(path, shown.html);
    }
    const cancelled = await call("POST", `/v1/executions/${execution.id}/cancel`, { key: admin.key, body: {} });
    expect(cancelled.status).toBe(200);
    expectNoCredential("execution.cancel", await cancelled.text());
  });

  it("says where it removed them: the view keeps the Slack thread, the served payload is marked redacted and the chain still verifies", async () => {
    const form = slackCommandForm("reply hi").replace(TRIGGER, "22222222222.000000000.redaction");
    expect((await post("/webhooks/slack", await slackFormPost(form))).status).toBe(200);
    await drive();
    const execution = await executionOf("22222222222.000000000.redaction");
    if (execution === null) throw new Error("no execution");

    const view = (await (await call("GET", `/v1/executions/${execution.id}`, { key: admin.key })).json()) as { replyTo: unknown };
    expect(view.replyTo).toEqual({ kind: "slack", teamId: "T0001", channelId: "C0GENERAL" });

    const trace = (await (await call("GET", `/v1/traces/${execution.trace_id}?includePayloads=true`, { key: admin.key })).json()) as {
      events: { type: string; payload?: { intent?: { replyTo?: unknown } }; payloadRedacted?: true }[];
      chain: { valid: boolean };
    };
    const received = trace.events.find((e) => e.type === "controlPlane.intent.received");
    expect(received?.payloadRedacted).toBe(true);
    expect(received?.payload?.intent?.replyTo).toEqual({ kind: "slack", teamId: "T0001", channelId: "C0GENERAL" });
    expect(trace.events.filter((e) => e.payloadRedacted === true).map((e) => e.type)).toEqual(["controlPlane.intent.received"]);
    expect(trace.chain.valid).toBe(true);
  });
});
