import { describe, expect, it } from "vitest";
import { transition } from "../../../engine/executor/machine.ts";
import { at, buildPlan, fail, feed, idOf, machine, ok, start } from "./helpers.ts";

describe("outcomes that do not belong", () => {
  const plan = buildPlan([{ key: "a" }, { key: "b", after: ["a"] }]);
  const a = idOf(plan, "a");

  it("are ignored with a reason, leaving the very same state and emitting nothing", () => {
    const s0 = start(plan);
    const cases = [
      [ok("st_000000000000000000000000", 1), "UNKNOWN_STEP"],
      [ok(a, 2), "UNKNOWN_ATTEMPT"],
      [ok(idOf(plan, "b"), 1), "UNKNOWN_ATTEMPT"],
      [ok(idOf(plan, "b"), 0), "UNKNOWN_ATTEMPT"],
    ] as const;
    for (const [input, code] of cases) {
      const r = feed(s0.state, input, at(1));
      expect(r.ignored?.code).toBe(code);
      expect(r.state).toBe(s0.state);
      expect(r.events).toEqual([]);
      expect(r.effects).toEqual([]);
    }
  });

  it("ignores a duplicate of a recorded outcome and the late outcome of a superseded attempt", () => {
    const s1 = feed(start(plan).state, fail(a, 1, true), at(1));
    expect(feed(s1.state, fail(a, 1, true), at(2)).ignored?.code).toBe("DUPLICATE_OUTCOME");
    const s2 = feed(s1.state, { kind: "wake" }, at(60_000));
    expect(feed(s2.state, ok(a, 1), at(60_001)).ignored?.code).toBe("STALE_ATTEMPT");
    expect(feed(s2.state, ok(a, 2), at(60_001)).ignored).toBeNull();
  });

  it("ignores anything after completion, and anything before start", () => {
    const s1 = feed(start(plan).state, ok(a, 1), at(1));
    const done = feed(s1.state, ok(idOf(plan, "b"), 1), at(2));
    expect(done.state.status).toBe("succeeded");
    expect(feed(done.state, ok(idOf(plan, "b"), 1), at(3)).ignored?.code).toBe("EXECUTION_FINISHED");
    expect(transition(null, ok(a, 1), at(0), machine)).toMatchObject({ state: null, ignored: { code: "NOT_STARTED" } });
  });
});
