import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXECUTION_EVENT_TYPES } from "../../../engine/executor/events.ts";
import type { ToolOutcome } from "../../../engine/executor/input.ts";
import { replay } from "../../../engine/replay/replay.ts";
import type { RecordedEvent, RecordedInput } from "../../../engine/replay/types.ts";
import { simulate } from "./driver.ts";
import { scenarioArb } from "./scenarios.ts";

function mutateOutcome(outcome: ToolOutcome, variant: number): ToolOutcome {
  if (outcome.ok) {
    const v = typeof outcome.output === "object" && outcome.output !== null && "v" in outcome.output ? outcome.output.v : 0;
    return variant % 2 === 0
      ? { ok: true, output: { v: Number(v) + 1 } }
      : { ok: false, retryable: false, code: "BAD_REQUEST", message: "mutated" };
  }
  switch (variant % 5) {
    case 0:
      return { ok: true, output: { v: 0 } };
    case 1:
      return { ...outcome, retryable: !outcome.retryable };
    case 2:
      return { ...outcome, code: `${outcome.code}_X` };
    case 3:
      return { ...outcome, message: `${outcome.message}!` };
    default:
      return { ...outcome, retryAfterMs: (outcome.retryAfterMs ?? 0) + 1 };
  }
}

function mutateEvent(events: readonly RecordedEvent[], i: number, variant: number): RecordedEvent[] {
  const copy = [...events];
  const event = copy[i];
  if (event === undefined) return copy;
  switch (variant % 5) {
    case 0: {
      const others = EXECUTION_EVENT_TYPES.filter((t) => t !== event.type);
      copy[i] = { ...event, type: others[variant % others.length] ?? "controlPlane.execution.failed" };
      return copy;
    }
    case 1:
      copy[i] = event.stepId === undefined ? { ...event, stepId: "st_ffffffffffffffffffffffff" } : { type: event.type, payloadDigest: event.payloadDigest };
      return copy;
    case 2:
      copy[i] = { ...event, payloadDigest: event.payloadDigest.replace(/^./, (c) => (c === "0" ? "1" : "0")) };
      return copy;
    case 3:
      copy.splice(i, 1);
      return copy;
    default:
      copy.splice(i, 0, event);
      return copy;
  }
}

describe("replay detects", () => {
  it("any single change to an outcome the machine accepted", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.nat(), (scenario, pick, variant) => {
        const recording = simulate(scenario);
        const outcomes = recording.inputs
          .map((r, i) => ({ r, i }))
          .filter(({ r, i }) => r.input.kind === "tool_outcome" && recording.accepted[i] === true);
        fc.pre(outcomes.length > 0);
        const chosen = outcomes[pick % outcomes.length];
        if (chosen === undefined || chosen.r.input.kind !== "tool_outcome") return;
        const mutated: RecordedInput = {
          now: chosen.r.now,
          input: { ...chosen.r.input, outcome: mutateOutcome(chosen.r.input.outcome, variant) },
        };
        const inputs = recording.inputs.map((r, i) => (i === chosen.i ? mutated : r));
        const result = replay({ ...recording, inputs }, { decide: scenario.decide });
        expect(result.status).toBe("diverged");
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("any single change to, removal or duplication of a recorded event, at its index", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.nat(), (scenario, pick, variant) => {
        const recording = simulate(scenario);
        const i = pick % recording.events.length;
        const events = mutateEvent(recording.events, i, variant);
        const result = replay({ ...recording, events }, { decide: scenario.decide });
        expect(result.status).toBe("diverged");
        if (result.status !== "diverged") return;
        // A removal or duplication shows where the sequences first differ, which may be after `i`.
        const first = result.diff[0];
        expect(first?.scope).toBe("event");
        if (variant % 5 < 3) expect(first?.index).toBe(i);
        else expect(first?.index).toBeGreaterThanOrEqual(i);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
