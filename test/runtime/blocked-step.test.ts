import { beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap } from "../support/api.ts";
import { getExecution, runText, slackPosts } from "./support/flow.ts";
import { standin } from "../support/standin.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("blocked");
});

it("keeps a non-low step blocked under the interim policy and skips its descendants, calling no provider", async () => {
  const submitted = await runText(admin, "label acme/web#1 bug then reply labelled");
  const view = await getExecution(admin, submitted.executionId);
  const [label, reply] = view.steps;
  expect(label).toMatchObject({ state: "failed", attempts: 0, verdict: { verdict: "blocked" }, reason: { code: "POLICY_BLOCKED" } });
  expect(reply).toMatchObject({ state: "skipped", attempts: 0 });
  expect(view.status).toBe("failed");
  expect(await slackPosts()).toHaveLength(0);
  expect((await standin.requests()).filter((r) => r.path.includes("/labels"))).toHaveLength(0);
});
