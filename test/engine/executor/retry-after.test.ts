import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../../../engine/executor/retry.ts";
import { at, buildPlan, config, fail, feed, idOf, start, stepByKey } from "./helpers.ts";

describe("a provider's Retry-After", () => {
  const plan = buildPlan([{ key: "a" }]);
  const a = idOf(plan, "a");

  it("is honoured when longer than the backoff, even beyond maxDelayMs", () => {
    const s1 = feed(start(plan).state, fail(a, 1, true, 30_000), at(0));
    expect(stepByKey(s1.state, "a").nextAttemptAt).toBe(at(30_000));
    expect(s1.events[0]?.payload).toMatchObject({ delayMs: 30_000, error: { code: "RATE_LIMITED", retryAfterMs: 30_000 } });
  });

  it("does not shorten the backoff", () => {
    const s1 = feed(start(plan).state, fail(a, 1, true, 10), at(0));
    expect(stepByKey(s1.state, "a").nextAttemptAt).toBe(at(1_000));
  });

  it("sits on top of a delay capped at maxDelayMs", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(config.retry, n))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    expect(retryDelayMs(config.retry, 6, 12_000)).toBe(12_000);
    expect(retryDelayMs({ ...config.retry, baseDelayMs: 0, factor: 1e308 }, 40)).toBe(0);
  });
});
