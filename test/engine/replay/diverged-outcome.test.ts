import { describe, expect, it } from "vitest";
import { decide } from "../../../engine/policy/interim.ts";
import { replay } from "../../../engine/replay/replay.ts";
import { ok, idOf } from "../executor/helpers.ts";
import { plan, record, script } from "./recorded.ts";

describe("replay against a changed tool outcome", () => {
  it("names the first event that differs and the state fields", () => {
    const recorded = record(script, decide);
    const inputs = script.map((r, i) => (i === 3 ? { ...r, input: ok(idOf(plan, "fetch"), 2, { title: "bye" }) } : r));
    const result = replay({ inputs, events: recorded.events, finalState: recorded.finalState }, { decide });
    expect(result.status).toBe("diverged");
    if (result.status !== "diverged") return;
    // started, step.started ×2 (blocked close in between), retry_scheduled, step.started, then the completion.
    const completedAt = recorded.events.findIndex(
      (e) => e.type === "controlPlane.execution.step.completed" && e.stepId === idOf(plan, "fetch"),
    );
    expect(result.diff[0]).toMatchObject({ scope: "event", index: completedAt, field: "payloadDigest" });
    expect(result.diff.filter((d) => d.scope === "state").map((d) => d.field)).toEqual(
      expect.arrayContaining(["$.steps[0].lastOutcome.outcome.output.title", "$.steps[1].input.text"]),
    );
  });

  it("reports an input the machine cannot take, at its index", () => {
    const recorded = record(script, decide);
    const inputs = script.map((r, i) => (i === 2 ? { ...r, now: "not a time" } : r));
    const result = replay({ inputs, events: recorded.events }, { decide });
    expect(result).toMatchObject({ status: "diverged", diff: [{ scope: "input", index: 2, field: "wake" }] });
  });
});
