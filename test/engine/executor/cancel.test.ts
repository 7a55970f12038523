import { describe, expect, it } from "vitest";
import { approver, at, buildPlan, fail, feed, idOf, invokes, ok, start, stepByKey } from "./helpers.ts";

describe("cancel in the middle of a run", () => {
  const plan = buildPlan([{ key: "a" }, { key: "b" }, { key: "c", after: ["a"] }]);

  it("cancels what has not started, records what was in flight, and starts nothing more", () => {
    const s0 = start(plan);
    const s1 = feed(s0.state, fail(idOf(plan, "b"), 1, true), at(1));
    const cancelled = feed(s1.state, { kind: "cancel", by: approver }, at(2));
    expect(cancelled.state.status).toBe("cancelled");
    expect(cancelled.state.cancelledBy).toEqual(approver);
    expect(cancelled.effects).toEqual([{ kind: "completed", status: "cancelled" }]);
    expect(cancelled.events).toMatchObject([
      {
        type: "controlPlane.execution.cancelled",
        payload: { cancelledSteps: [idOf(plan, "b"), idOf(plan, "c")], runningSteps: [idOf(plan, "a")] },
      },
    ]);
    expect(stepByKey(cancelled.state, "b")).toMatchObject({ state: "cancelled", nextAttemptAt: null });

    const landed = feed(cancelled.state, ok(idOf(plan, "a"), 1), at(3));
    expect(landed.ignored).toBeNull();
    expect(stepByKey(landed.state, "a").state).toBe("succeeded");
    expect(stepByKey(landed.state, "c").state).toBe("cancelled");
    expect(invokes(landed.effects)).toEqual([]);
    expect(landed.events.map((e) => e.type)).toEqual(["controlPlane.execution.step.completed"]);
    expect(landed.state.status).toBe("cancelled");
  });

  it("does not retry an in-flight call that fails retryably after the cancel", () => {
    const s1 = feed(start(plan).state, { kind: "cancel", by: approver }, at(1));
    const s2 = feed(s1.state, fail(idOf(plan, "a"), 1, true), at(2));
    expect(stepByKey(s2.state, "a")).toMatchObject({ state: "failed", reason: { code: "EXECUTION_CANCELLED" } });
    expect(s2.effects).toEqual([]);
  });

  it("is ignored once the execution has ended, and so is everything but late outcomes", () => {
    const s1 = feed(start(plan).state, { kind: "cancel", by: approver }, at(1));
    expect(feed(s1.state, { kind: "cancel", by: approver }, at(2)).ignored?.code).toBe("EXECUTION_FINISHED");
    expect(feed(s1.state, { kind: "wake" }, at(2)).ignored?.code).toBe("EXECUTION_FINISHED");
  });
});
