import { describe, expect, it } from "vitest";
import { parseResetEpoch, parseRetryAfter } from "../../runtime/tools/providers/retry-after.ts";

const now = Date.parse("2026-01-01T00:00:00Z");

describe("Retry-After", () => {
  it("reads delta-seconds and HTTP dates, and ignores what it cannot read", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:45 GMT", now)).toBe(45_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("reads GitHub's reset epoch", () => {
    expect(parseResetEpoch(String(now / 1000 + 90), now)).toBe(90_000);
    expect(parseResetEpoch("later", now)).toBeUndefined();
  });
});
