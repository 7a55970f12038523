import { beforeEach, describe, expect, it } from "vitest";
import { standin } from "../../support/standin.ts";
import { githubIssueComment } from "../support/payloads.ts";
import { count, drive, githubSigned, post } from "./support.ts";

describe("a captured signed GitHub comment resent with another X-GitHub-Event", () => {
  beforeEach(() => standin.reset());

  it("does not run again: the event kind comes from the body, and so does the item id", async () => {
    const payload = githubIssueComment("/cp reply only once");
    expect((await post("/webhooks/github", await githubSigned("issue_comment", payload, "bbbbbbbb-0000-4000-8000-000000000001"))).status).toBe(202);
    expect(await drive()).toHaveLength(1);

    // The same signed bytes under every other event name and a fresh delivery GUID.
    for (const [i, event] of ["pull_request_review_comment", "commit_comment", "discussion_comment", "ping"].entries()) {
      const replay = await githubSigned(event, payload, `bbbbbbbb-0000-4000-8000-00000000010${i}`);
      expect((await post("/webhooks/github", replay)).status).toBe(400);
    }
    // And under its own name again, with a fresh GUID: a new delivery row, no new intent.
    expect((await post("/webhooks/github", await githubSigned("issue_comment", payload, "bbbbbbbb-0000-4000-8000-000000000002"))).status).toBe(202);

    expect(await drive()).toHaveLength(0);
    expect(await count("SELECT count(*) AS n FROM intents WHERE source_provider = 'github'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM executions")).toBe(1);
    expect((await standin.requests()).filter((r) => r.path.endsWith("/comments"))).toHaveLength(1);
  });
});
