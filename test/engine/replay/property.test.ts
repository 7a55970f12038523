import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExecutionState } from "../../../engine/executor/state.ts";
import { replay } from "../../../engine/replay/replay.ts";
import { RecordedEvent, RecordedInput } from "../../../engine/replay/types.ts";
import { type Recording, simulate } from "./driver.ts";
import { scenarioArb } from "./scenarios.ts";

/** What the shell reads back from storage: JSON, parsed by the published schemas. */
function stored(recording: Recording) {
  const json = JSON.parse(JSON.stringify(recording)) as Record<string, unknown>;
  return {
    inputs: RecordedInput.array().parse(json.inputs),
    events: RecordedEvent.array().parse(json.events),
    finalState: ExecutionState.parse(json.finalState),
  };
}

describe("replay of random executions", () => {
  it("is consistent for 1,000 executions (successes, retries, final failures, cancels, blocked and approved steps)", () => {
    const seen = { succeeded: 0, failed: 0, cancelled: 0, retried: 0, blocked: 0, refused: 0, approved: 0 };
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const recording = simulate(scenario);
        expect(recording.violations).toEqual([]);
        const result = replay(stored(recording), { decide: scenario.decide });
        expect(result).toMatchObject({ status: "consistent", eventCount: recording.events.length });

        const state = recording.finalState;
        if (state.status !== "running" && state.status !== "waiting_approval") seen[state.status] += 1;
        if (state.steps.some((s) => s.attempts > 1)) seen.retried += 1;
        if (state.steps.some((s) => s.reason?.code === "POLICY_BLOCKED")) seen.blocked += 1;
        if (state.steps.some((s) => s.reason?.code === "POLICY_REFUSED")) seen.refused += 1;
        if (state.steps.some((s) => s.approval?.decision === "approved")) seen.approved += 1;
      }),
      { numRuns: 1_000 },
    );
    // The generator must actually reach every kind of execution the property is about.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(10);
  }, 60_000);
});
