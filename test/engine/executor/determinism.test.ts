import { describe, expect, it } from "vitest";
import { canonical } from "../../../engine/canonical.ts";
import type { MachineInput } from "../../../engine/executor/input.ts";
import type { TransitionResult } from "../../../engine/executor/machine.ts";
import type { ExecutionState } from "../../../engine/executor/state.ts";
import { ExecutionState as ExecutionStateSchema } from "../../../engine/executor/state.ts";
import { at, buildPlan, fail, feed, idOf, ok, start } from "./helpers.ts";

const plan = buildPlan([{ key: "a" }, { key: "b" }, { key: "c", after: ["a", "b"] }, { key: "d", risk: "medium" }]);
const script: [MachineInput, string][] = [
  [fail(idOf(plan, "a"), 1, true, 5_000), at(10)],
  [ok(idOf(plan, "b"), 1, { n: 1 }), at(20)],
  [{ kind: "wake" }, at(5_010)],
  [ok(idOf(plan, "a"), 2, { n: 2 }), at(5_020)],
];

function run(): TransitionResult[] {
  const results: TransitionResult[] = [start(plan)];
  for (const [input, now] of script) {
    const prev = results.at(-1);
    if (prev === undefined) throw new Error("unreachable");
    results.push(feed(prev.state, input, now));
  }
  return results;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe("the machine", () => {
  it("gives byte-identical canonical states, effects and events for the same inputs", () => {
    const one = run().map((r) => canonical({ state: r.state, effects: r.effects, events: r.events }));
    const two = run().map((r) => canonical({ state: r.state, effects: r.effects, events: r.events }));
    expect(one).toEqual(two);
  });

  it("never modifies the state it is given", () => {
    const s0 = start(plan);
    const frozen: ExecutionState = deepFreeze(structuredClone(s0.state));
    const before = canonical(frozen);
    expect(() => feed(frozen, ok(idOf(plan, "a"), 1), at(1))).not.toThrow();
    expect(canonical(frozen)).toBe(before);
  });

  it("keeps a state that survives JSON storage and its own schema unchanged", () => {
    const last = run().at(-1);
    if (last === undefined) throw new Error("unreachable");
    const stored = ExecutionStateSchema.parse(JSON.parse(JSON.stringify(last.state)));
    expect(canonical(stored)).toBe(canonical(last.state));
    const next = feed(stored, ok(idOf(plan, "c"), 1), at(6_000));
    expect(next.state.status).toBe("failed");
  });
});
