import { evictDurableObject, runDurableObjectAlarm } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap } from "../support/api.ts";
import { executionStub } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";
import { advanceClock, getExecution, restoreClock, runDueAlarms, slackPosts, submitText } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("eviction");
}, 60_000);

// Regression guard: an evicted ExecutionDO must resume from its SQLite, never re-run a step recorded as succeeded.
// Eviction waits for the runtime to drain in-flight work (about 10 s here), hence the longer timeout.
it("resumes after eviction mid-execution without repeating a side effect recorded as succeeded", async () => {
  // `first` succeeds; `second` (after it) fails once retryably, so the execution is mid-run with work left.
  await standin.script([{ match: "chat.postMessage", status: 503, body: { ok: false } }]);
  const submitted = await submitText(admin, "reply second and reply first");
  // The 503 goes to whichever call reaches the stand-in first; either way one reply succeeded, one waits.
  await runDurableObjectAlarm(executionStub(submitted.executionId));
  const before = await getExecution(admin, submitted.executionId);
  expect(before.steps.map((s) => s.state).sort()).toEqual(["pending", "succeeded"]);
  expect(await slackPosts()).toHaveLength(2);

  await evictDurableObject(executionStub(submitted.executionId));

  try {
    advanceClock(5_000);
    await runDueAlarms(submitted.executionId);
  } finally {
    restoreClock();
  }
  const after = await getExecution(admin, submitted.executionId);
  expect(after.status).toBe("succeeded");
  const posts = await slackPosts();
  // Two first attempts plus exactly one retry: the succeeded reply was not sent again.
  expect(posts).toHaveLength(3);
  const texts = posts.map((p) => JSON.parse(p.body).text as string);
  const succeededFirst = texts[0] === texts[2] ? texts[1] : texts[0];
  expect(texts.filter((t) => t === succeededFirst)).toHaveLength(1);
  await standin.reset();
}, 60_000);
