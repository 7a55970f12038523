import { beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { getExecution, runText, slackPosts } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("final");
});

it("fails a step on a final 4xx at once, without retrying, and skips what depends on it", async () => {
  await standin.script([{ match: "chat.postMessage", status: 403, body: { ok: false, error: "not_in_channel" } }]);
  const submitted = await runText(admin, "reply first then reply second");
  const view = await getExecution(admin, submitted.executionId);
  expect(view.status).toBe("failed");
  expect(view.steps[0]).toMatchObject({ state: "failed", attempts: 1, nextAttemptAt: null, lastError: { retryable: false } });
  expect(view.steps[1]).toMatchObject({ state: "skipped", attempts: 0 });
  expect(await slackPosts()).toHaveLength(1);
});
