import { beforeEach, describe, expect, it } from "vitest";
import { standin } from "../../support/standin.ts";
import { githubIssueComment, slackMention } from "../support/payloads.ts";
import { count, drive, githubSigned, post, slackEvent } from "./support.ts";

const COPIES = 16;

describe("concurrent copies of one signed delivery", () => {
  beforeEach(() => standin.reset());

  it(`records ${COPIES} simultaneous copies as one delivery, one intent and one execution, and replies once`, async () => {
    const init = await slackEvent(slackMention("<@U0BOT> reply once only"));
    const answers = await Promise.all(Array.from({ length: COPIES }, () => post("/webhooks/slack", { ...init })));
    // Every copy is acknowledged: the losers of the race are duplicates, which the provider must not retry.
    expect(answers.map((r) => r.status)).toEqual(Array.from({ length: COPIES }, () => 200));

    expect(await count("SELECT count(*) AS n FROM webhook_deliveries WHERE provider = 'slack' AND delivery_id = 'Ev0MENTION'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM intents WHERE source_provider = 'slack' AND source_item_id = 'Ev0MENTION'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM executions")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM webhook_delivery_conflicts")).toBe(0);

    expect(await drive()).toHaveLength(1);
    expect((await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage"))).toHaveLength(1);
  });

  it("drops a comment replayed under a new delivery id: its command line is one intent, whatever the headers say", async () => {
    const payload = githubIssueComment("/cp reply replayed");
    expect((await post("/webhooks/github", await githubSigned("issue_comment", payload, "aaaaaaaa-0000-4000-8000-000000000001"))).status).toBe(202);
    expect((await post("/webhooks/github", await githubSigned("issue_comment", payload, "aaaaaaaa-0000-4000-8000-000000000002"))).status).toBe(202);

    expect(await count("SELECT count(*) AS n FROM webhook_deliveries WHERE provider = 'github'")).toBe(2);
    expect(await count("SELECT count(*) AS n FROM intents WHERE source_provider = 'github'")).toBe(1);
  });
});
