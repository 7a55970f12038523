import { beforeEach, describe, expect, it } from "vitest";
import { standin } from "../../support/standin.ts";
import { slackMention } from "../support/payloads.ts";
import { count, drive, post, slackEvent } from "./support.ts";

const RETRY = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };

describe("Slack retries (X-Slack-Retry-Num)", () => {
  beforeEach(() => standin.reset());

  it("acknowledges a retry of a recorded delivery without new work", async () => {
    const payload = slackMention("<@U0BOT> reply just once");
    expect((await post("/webhooks/slack", await slackEvent(payload))).status).toBe(200);
    const intents = await count("SELECT count(*) AS n FROM intents");

    // Slack signs each attempt afresh (new timestamp); the body is the same.
    const retry = await post("/webhooks/slack", await slackEvent(payload, RETRY));
    expect(retry.status).toBe(200);
    expect(await retry.text()).toBe("");

    expect(await count("SELECT count(*) AS n FROM intents")).toBe(intents);
    expect(await count("SELECT count(*) AS n FROM webhook_deliveries")).toBe(1);
    expect(await drive()).toHaveLength(1);
    expect(await standin.requests()).toHaveLength(1);
  });

  it("treats a retry whose first attempt never reached us as the work it is", async () => {
    const payload = { ...slackMention("<@U0BOT> reply late"), event_id: "Ev0LOSTFIRST" };
    expect((await post("/webhooks/slack", await slackEvent(payload, RETRY))).status).toBe(200);
    expect(await count("SELECT count(*) AS n FROM intents WHERE source_item_id = 'Ev0LOSTFIRST'")).toBe(1);
  });
});
