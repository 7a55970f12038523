import { beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap } from "../support/api.ts";
import { getExecution, runText, slackPosts } from "./support/flow.ts";
import { standin } from "../support/standin.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("blocked");
});

// Governance landed while this was written: under the tenant's default policy a medium step now waits for
// approval instead of being blocked outright. Either way nothing but low risk runs on its own.
it("never runs a non-low step on its own: it waits for approval and its descendants wait with it, calling no provider", async () => {
  const submitted = await runText(admin, "label acme/web#1 bug then reply labelled");
  const view = await getExecution(admin, submitted.executionId);
  const [label, reply] = view.steps;
  expect(label).toMatchObject({ state: "waiting_approval", attempts: 0, verdict: { verdict: "approval_required" } });
  expect(reply).toMatchObject({ state: "pending", attempts: 0 });
  expect(view.status).toBe("waiting_approval");
  // The one Slack post is the approval request for `label` (with its buttons), not the reply step's text.
  const posts = await slackPosts();
  expect(posts).toHaveLength(1);
  const notice = JSON.parse(posts[0]?.body ?? "{}") as { text: string; blocks?: unknown[] };
  expect(notice.text).toContain("Approval needed: github.issue.label@");
  expect(JSON.stringify(notice.blocks)).toContain("cp.approval.approve");
  expect(notice.text).not.toContain("labelled");
  expect((await standin.requests()).filter((r) => r.path.includes("/labels"))).toHaveLength(0);
});
