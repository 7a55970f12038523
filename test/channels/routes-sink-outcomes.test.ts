import { describe, expect, it } from "vitest";
import { ENV, FailingSink, MemorySink, testApp } from "./support/app.ts";
import { githubIssueComment, slackMention } from "./support/payloads.ts";
import { githubRequest, slackJson } from "./support/requests.ts";

describe("what the sink answers decides the response", () => {
  it("acknowledges a duplicate delivery the same way, without recording it again", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const init = await slackJson(slackMention());
    expect((await app.request("/webhooks/slack", init, ENV)).status).toBe(200);
    expect((await app.request("/webhooks/slack", await slackJson(slackMention()), ENV)).status).toBe(200);
    expect(sink.deliveries).toHaveLength(1);
  });

  it("answers 409 when a delivery id comes back with another payload", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    await app.request("/webhooks/github", await githubRequest("issue_comment", githubIssueComment("/cp help")), ENV);
    const res = await app.request("/webhooks/github", await githubRequest("issue_comment", githubIssueComment("/cp close acme/widgets#1")), ENV);
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 503 when the delivery cannot be recorded, so the provider retries", async () => {
    const { app, logs } = testApp(new FailingSink());
    const res = await app.request("/webhooks/slack", await slackJson(slackMention()), ENV);
    expect(res.status).toBe(503);
    expect(logs.some((l) => l.event === "webhook.sink_failed")).toBe(true);
  });
});
