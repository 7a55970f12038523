import { describe, expect, it } from "vitest";
import { INTERIM_POLICY_HASH } from "../../../engine/policy/interim.ts";
import { at, buildPlan, feed, idOf, invokes, ok, start, stepByKey } from "./helpers.ts";

describe("a step the interim policy blocks", () => {
  const plan = buildPlan([
    { key: "close", risk: "high", tool: "github.issue.close" },
    { key: "notify", after: ["close"] },
    { key: "reply" },
  ]);

  it("never runs, records its verdict, skips its descendants and leaves other branches running", () => {
    const s0 = start(plan);
    expect(invokes(s0.effects).map((e) => e.key)).toEqual(["reply"]);
    const close = stepByKey(s0.state, "close");
    expect(close.state).toBe("failed");
    expect(close.reason?.code).toBe("POLICY_BLOCKED");
    expect(close.verdict).toMatchObject({ verdict: "blocked", tier: "high", policyHash: INTERIM_POLICY_HASH });
    expect(stepByKey(s0.state, "notify").state).toBe("skipped");

    const blocked = s0.events.find((e) => e.type === "controlPlane.execution.step.blocked");
    expect(blocked).toMatchObject({
      stepId: idOf(plan, "close"),
      payload: { verdict: close.verdict, skippedSteps: [idOf(plan, "notify")] },
    });
    expect(s0.state.status).toBe("running");

    const s1 = feed(s0.state, ok(idOf(plan, "reply"), 1), at(1));
    expect(s1.state.status).toBe("failed");
  });

  it("fails the execution at once when nothing else can run", () => {
    const only = buildPlan([{ key: "label", risk: "medium" }]);
    const s0 = start(only);
    expect(s0.state.status).toBe("failed");
    expect(s0.effects).toEqual([{ kind: "completed", status: "failed" }]);
  });
});
