import { beforeEach, describe, expect, it } from "vitest";
import { standin } from "../../support/standin.ts";
import { githubIssueComment } from "../support/payloads.ts";
import { drive, executionOf, githubSigned, post } from "./support.ts";

describe("a GitHub issue comment through the whole Worker", () => {
  beforeEach(() => standin.reset());

  it("answers a `/cp reply …` line with a comment on the same issue", async () => {
    const body = "Thanks for the report.\n/cp reply looking into it\n";
    const res = await post("/webhooks/github", await githubSigned("issue_comment", githubIssueComment(body), "0b8a2c6e-0000-4000-8000-000000000001"));
    expect(res.status).toBe(202);

    await drive();

    expect(await executionOf("issue_comment:2115000001#0")).toMatchObject({ tenant_id: "default-tenant", status: "succeeded" });
    const sent = await standin.requests();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: "POST", host: "github.standin", path: "/repos/acme/widgets/issues/42/comments" });
    expect(sent[0]?.headers.authorization).toMatch(/ghp_test_token/);
    expect(JSON.parse(sent[0]?.body ?? "{}")).toEqual({ body: "looking into it" });
  });
});
