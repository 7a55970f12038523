import { beforeEach, describe, expect, it } from "vitest";
import { standin } from "../../support/standin.ts";
import { slackMention } from "../support/payloads.ts";
import { drive, executionOf, post, slackEvent } from "./support.ts";

describe("a Slack app_mention through the whole Worker", () => {
  beforeEach(() => standin.reset());

  it("replies in the mention's thread with chat.postMessage", async () => {
    const res = await post("/webhooks/slack", await slackEvent(slackMention("<@U0BOT> reply hello there")));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");

    await drive();

    expect(await executionOf("Ev0MENTION")).toMatchObject({ status: "succeeded" });
    const sent = await standin.requests();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ host: "slack.standin", path: "/api/chat.postMessage" });
    expect(sent[0]?.headers.authorization).toBe("Bearer xoxb-test-token");
    expect(JSON.parse(sent[0]?.body ?? "{}")).toMatchObject({ channel: "C0GENERAL", thread_ts: "1764072000.000100", text: "hello there" });
  });
});
