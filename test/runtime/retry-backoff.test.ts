import { afterEach, beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { advanceClock, getExecution, restoreClock, runDueAlarms, slackPosts, submitText } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("retry");
});
afterEach(async () => {
  restoreClock();
  await standin.reset();
});

it("retries a 503 with exponential backoff through alarms, then succeeds with the same idempotency key", async () => {
  await standin.script([{ match: "chat.postMessage", status: 503, body: { ok: false }, times: 2 }]);
  const submitted = await submitText(admin, "reply flaky");
  await runDueAlarms(submitted.executionId);

  let view = await getExecution(admin, submitted.executionId);
  expect(view.steps[0]).toMatchObject({ state: "pending", attempts: 1, lastError: { retryable: true } });
  const firstDelay = Date.parse(view.steps[0]?.nextAttemptAt ?? "") - Date.now();
  expect(firstDelay).toBeGreaterThan(0);
  expect(firstDelay).toBeLessThanOrEqual(1_000);

  // Not yet due: running the alarm early starts nothing.
  await runDueAlarms(submitted.executionId);
  expect(await slackPosts()).toHaveLength(1);

  advanceClock(1_000);
  await runDueAlarms(submitted.executionId);
  view = await getExecution(admin, submitted.executionId);
  expect(view.steps[0]).toMatchObject({ state: "pending", attempts: 2 });
  // The second delay doubles (base 1 s, factor 2).
  const secondDelay = Date.parse(view.steps[0]?.nextAttemptAt ?? "") - Date.now();
  expect(secondDelay).toBeGreaterThan(1_000);
  expect(secondDelay).toBeLessThanOrEqual(2_000);

  advanceClock(2_000);
  await runDueAlarms(submitted.executionId);
  view = await getExecution(admin, submitted.executionId);
  expect(view.status).toBe("succeeded");
  expect(view.steps[0]).toMatchObject({ state: "succeeded", attempts: 3 });
  const posts = await slackPosts();
  expect(posts).toHaveLength(3);
  // Every attempt is the same request: the retry repeats the step, it does not make a new one.
  expect(new Set(posts.map((p) => p.body)).size).toBe(1);
});

it("waits at least a 429's Retry-After before the next attempt", async () => {
  await standin.script([{ match: "chat.postMessage", status: 429, headers: { "retry-after": "30" }, body: { ok: false, error: "ratelimited" } }]);
  const submitted = await submitText(admin, "reply slow down");
  await runDueAlarms(submitted.executionId);
  let view = await getExecution(admin, submitted.executionId);
  expect(view.steps[0]?.lastError).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
  expect(Date.parse(view.steps[0]?.nextAttemptAt ?? "") - Date.now()).toBeGreaterThan(29_000);

  advanceClock(10_000);
  await runDueAlarms(submitted.executionId);
  expect(await slackPosts()).toHaveLength(1);

  advanceClock(20_000);
  await runDueAlarms(submitted.executionId);
  view = await getExecution(admin, submitted.executionId);
  expect(view.status).toBe("succeeded");
  expect(await slackPosts()).toHaveLength(2);
});

it("fails the step once retryable failures exhaust its attempts", async () => {
  await standin.script([{ match: "chat.postMessage", status: 503, body: { ok: false }, times: 10 }]);
  const submitted = await submitText(admin, "reply never");
  await runDueAlarms(submitted.executionId);
  for (let i = 0; i < 5; i++) {
    advanceClock(300_000);
    await runDueAlarms(submitted.executionId);
  }
  const view = await getExecution(admin, submitted.executionId);
  expect(view.status).toBe("failed");
  expect(view.steps[0]).toMatchObject({ state: "failed", attempts: 5, lastError: { retryable: true } });
  expect(await slackPosts()).toHaveLength(5);
});
