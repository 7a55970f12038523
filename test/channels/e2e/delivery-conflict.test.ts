import { describe, expect, it } from "vitest";
import { problem } from "../../support/api.ts";
import { githubIssueComment, slackMention } from "../support/payloads.ts";
import { count, githubSigned, post, slackEvent } from "./support.ts";

describe("the same delivery id with a different payload", () => {
  it("is recorded as a conflict, refused with 409, and does no new work (Slack event_id)", async () => {
    expect((await post("/webhooks/slack", await slackEvent(slackMention("<@U0BOT> reply first")))).status).toBe(200);

    const res = await post("/webhooks/slack", await slackEvent(slackMention("<@U0BOT> reply something else")));
    expect(res.status).toBe(409);
    expect((await problem(res)).code).toBe("DELIVERY_CONFLICT");

    const original = await count("SELECT count(*) AS n FROM webhook_deliveries WHERE provider = 'slack' AND delivery_id = 'Ev0MENTION'");
    expect(original).toBe(1);
    expect(await count("SELECT count(*) AS n FROM webhook_delivery_conflicts WHERE provider = 'slack' AND delivery_id = 'Ev0MENTION'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM intents WHERE source_provider = 'slack'")).toBe(1);
  });

  it("keeps one conflict row per distinct payload however often it repeats (GitHub hook and delivery id)", async () => {
    const guid = "cccccccc-0000-4000-8000-000000000001";
    expect((await post("/webhooks/github", await githubSigned("issue_comment", githubIssueComment("/cp reply a"), guid))).status).toBe(202);
    const altered = githubIssueComment("/cp reply b");
    for (let i = 0; i < 2; i++) {
      expect((await post("/webhooks/github", await githubSigned("issue_comment", altered, guid))).status).toBe(409);
    }
    expect(await count("SELECT count(*) AS n FROM webhook_delivery_conflicts WHERE provider = 'github' AND delivery_id = ?", `12345678:${guid}`)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM intents WHERE source_provider = 'github'")).toBe(1);
  });
});
