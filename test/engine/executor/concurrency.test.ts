import { describe, expect, it } from "vitest";
import { transition } from "../../../engine/executor/machine.ts";
import { T0, at, buildPlan, config, feed, idOf, invokes, machine, ok, startInput } from "./helpers.ts";

describe("independent steps", () => {
  it("are all invoked in the same transition", () => {
    const plan = buildPlan([{ key: "a" }, { key: "b" }, { key: "c" }]);
    const started = transition(null, startInput(plan), T0, machine);
    expect(invokes(started.effects).map((e) => e.key)).toEqual(["a", "b", "c"]);
    expect(started.state?.steps.every((s) => s.state === "running")).toBe(true);
  });

  it("wait for a free slot beyond maxInFlight, in plan order", () => {
    const plan = buildPlan([{ key: "a" }, { key: "b" }, { key: "c" }]);
    const s0 = transition(null, startInput(plan, machine, { config: { ...config, maxInFlight: 2 } }), T0, machine);
    if (s0.state === null) throw new Error("not started");
    expect(invokes(s0.effects).map((e) => e.key)).toEqual(["a", "b"]);
    expect(s0.state.steps.map((s) => s.state)).toEqual(["running", "running", "ready"]);

    const s1 = feed(s0.state, ok(idOf(plan, "b"), 1), at(1));
    expect(invokes(s1.effects).map((e) => e.key)).toEqual(["c"]);
  });
});
