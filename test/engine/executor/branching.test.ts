import { describe, expect, it } from "vitest";
import { at, buildPlan, fail, feed, idOf, invokes, ok, start, stepByKey } from "./helpers.ts";

describe("a diamond a → (b, c) → d", () => {
  const plan = buildPlan([
    { key: "a" },
    { key: "b", after: ["a"] },
    { key: "c", after: ["a"] },
    { key: "d", after: ["b", "c"] },
  ]);

  it("starts both branches together and joins only when both succeeded", () => {
    const s0 = start(plan);
    const s1 = feed(s0.state, ok(idOf(plan, "a"), 1), at(1));
    expect(invokes(s1.effects).map((e) => e.key)).toEqual(["b", "c"]);

    const s2 = feed(s1.state, ok(idOf(plan, "c"), 1), at(2));
    expect(invokes(s2.effects)).toEqual([]);
    expect(stepByKey(s2.state, "d").state).toBe("pending");

    const s3 = feed(s2.state, ok(idOf(plan, "b"), 1), at(3));
    expect(invokes(s3.effects).map((e) => e.key)).toEqual(["d"]);
  });

  it("skips the join when one branch fails, lets the other finish, then fails the execution", () => {
    const s1 = feed(start(plan).state, ok(idOf(plan, "a"), 1), at(1));
    const s2 = feed(s1.state, fail(idOf(plan, "b"), 1, false), at(2));
    expect(stepByKey(s2.state, "b").state).toBe("failed");
    expect(stepByKey(s2.state, "d").state).toBe("skipped");
    expect(s2.events[0]?.payload).toMatchObject({ skippedSteps: [idOf(plan, "d")] });
    expect(s2.state.status).toBe("running");

    const s3 = feed(s2.state, ok(idOf(plan, "c"), 1), at(3));
    expect(s3.state.status).toBe("failed");
    expect(s3.effects).toEqual([{ kind: "completed", status: "failed" }]);
    expect(s3.events.at(-1)).toMatchObject({
      type: "controlPlane.execution.failed",
      payload: { failedSteps: [idOf(plan, "b")], counts: { succeeded: 2, failed: 1, skipped: 1 } },
    });
  });
});
