import { describe, expect, it } from "vitest";
import { at, buildPlan, fail, feed, idOf, invokes, start, stepByKey } from "./helpers.ts";

describe("retryable failures", () => {
  const plan = buildPlan([{ key: "a" }, { key: "b", after: ["a"] }]);
  const a = idOf(plan, "a");

  it("back off exponentially (1 s, then 2 s) and start again only when a wake comes at the due time", () => {
    const s0 = start(plan);
    const s1 = feed(s0.state, fail(a, 1, true), at(100));
    expect(stepByKey(s1.state, "a")).toMatchObject({ state: "pending", attempts: 1, nextAttemptAt: at(1_100) });
    expect(s1.effects).toEqual([{ kind: "schedule_wake", at: at(1_100) }]);
    expect(s1.events[0]).toMatchObject({
      type: "controlPlane.execution.step.retry_scheduled",
      payload: { attempt: 1, delayMs: 1_000, nextAttemptAt: at(1_100) },
    });

    const early = feed(s1.state, { kind: "wake" }, at(1_099));
    expect(invokes(early.effects)).toEqual([]);
    expect(early.effects).toEqual([{ kind: "schedule_wake", at: at(1_100) }]);

    const s2 = feed(s1.state, { kind: "wake" }, at(1_100));
    expect(invokes(s2.effects)).toMatchObject([{ stepId: a, attempt: 2 }]);
    expect(invokes(s2.effects)[0]?.idempotencyKey).toBe(plan.steps[0]?.idempotencyKey);

    const s3 = feed(s2.state, fail(a, 2, true), at(2_000));
    expect(stepByKey(s3.state, "a").nextAttemptAt).toBe(at(4_000));
  });

  it("fail the step for good after maxAttempts and skip its descendants", () => {
    let state = start(plan).state;
    let now = 0;
    for (let attempt = 1; attempt < 3; attempt++) {
      state = feed(state, fail(a, attempt, true), at(now)).state;
      now += 60_000;
      state = feed(state, { kind: "wake" }, at(now)).state;
    }
    const last = feed(state, fail(a, 3, true), at(now));
    expect(stepByKey(last.state, "a")).toMatchObject({ state: "failed", attempts: 3, reason: { code: "RETRIES_EXHAUSTED" } });
    expect(stepByKey(last.state, "b").state).toBe("skipped");
    expect(last.state.status).toBe("failed");
    expect(last.effects).toEqual([{ kind: "completed", status: "failed" }]);
  });

  it("never retry a final failure", () => {
    const s1 = feed(start(plan).state, fail(a, 1, false), at(1));
    expect(stepByKey(s1.state, "a")).toMatchObject({ state: "failed", attempts: 1, reason: { code: "TOOL_FAILED" } });
  });
});
