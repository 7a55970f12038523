import { describe, expect, it } from "vitest";
import { ENV, MemorySink, testApp } from "./support/app.ts";
import { githubIssueComment, githubPing } from "./support/payloads.ts";
import { githubRequest } from "./support/requests.ts";

describe("POST /webhooks/github", () => {
  it("answers a ping with 202 and records it as ignorable", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const res = await app.request("/webhooks/github", await githubRequest("ping", githubPing), ENV);
    expect(res.status).toBe(202);
    const digest = sink.deliveries[0]?.payloadDigest;
    expect(sink.deliveries[0]?.items).toEqual([{ kind: "ignored", itemId: `payload:${digest}`, reason: "ping" }]);
  });

  it("turns each /cp line of a new comment into an intent and answers 202", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const comment = githubIssueComment("Thanks!\r\n/cp label acme/widgets#42 bug\r\n/cp reply on it\r\n");
    const res = await app.request("/webhooks/github", await githubRequest("issue_comment", comment), ENV);
    expect(res.status).toBe(202);
    const [delivery] = sink.deliveries;
    expect(delivery?.deliveryId).toBe("12345678:72d3162e-cc78-11e3-81ab-4c9367dc0958");
    expect(delivery?.items.map((i) => (i.kind === "intent" ? i.intent.text : i.kind))).toEqual(["label acme/widgets#42 bug", "reply on it"]);
  });

  it("answers 400 for a signed delivery without GitHub's delivery headers", async () => {
    const { app } = testApp();
    const init = await githubRequest("ping", githubPing);
    const headers = new Headers(init.headers);
    headers.delete("x-github-hook-id");
    const res = await app.request("/webhooks/github", { ...init, headers }, ENV);
    expect(res.status).toBe(400);
  });
});
