import { describe, expect, it } from "vitest";
import { inFlight, nextWakeAt } from "../../../engine/executor/queries.ts";
import { at, buildPlan, fail, feed, idOf, invokes, ok, start } from "./helpers.ts";

describe("after an eviction, the persisted state alone", () => {
  const plan = buildPlan([{ key: "a" }, { key: "b" }, { key: "c" }]);

  it("lists the calls in flight exactly as they were invoked, and never a succeeded step", () => {
    const s0 = start(plan);
    const s1 = feed(s0.state, ok(idOf(plan, "a"), 1), at(1));
    const s2 = feed(s1.state, fail(idOf(plan, "b"), 1, true), at(2));
    const again = inFlight(s2.state);
    expect(again).toEqual(invokes(s0.effects).filter((e) => e.key === "c"));
  });

  it("says when the next wake is due", () => {
    const s0 = start(plan);
    expect(nextWakeAt(s0.state)).toBeNull();
    const s1 = feed(s0.state, fail(idOf(plan, "b"), 1, true, 9_000), at(0));
    const s2 = feed(s1.state, fail(idOf(plan, "a"), 1, true), at(0));
    expect(nextWakeAt(s2.state)).toBe(at(1_000));
    expect(s2.effects).toEqual([{ kind: "schedule_wake", at: at(1_000) }]);
  });
});
