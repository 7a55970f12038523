import { describe, expect, it } from "vitest";
import { decide } from "../../../engine/policy/interim.ts";
import { comparePlans } from "../../../engine/replay/plan.ts";
import { replay } from "../../../engine/replay/replay.ts";
import { buildPlan } from "../executor/helpers.ts";
import { plan, record, script } from "./recorded.ts";

describe("comparing a recorded plan with a recompiled one", () => {
  it("finds nothing when the digests match", () => {
    expect(comparePlans(plan, structuredClone(plan))).toEqual([]);
  });

  it("names the fields that differ", () => {
    const recompiled = buildPlan([
      { key: "fetch" },
      { key: "reply", after: ["fetch"], input: { text: { $ref: "fetch.title" } } },
      { key: "close", risk: "medium", tool: "github.issue.close" },
    ]);
    expect(comparePlans(plan, recompiled)).toEqual([
      { scope: "plan", index: null, field: "$.digest", expected: plan.digest, actual: recompiled.digest },
      { scope: "plan", index: null, field: "$.steps[2].risk", expected: "high", actual: "medium" },
    ]);
  });

  it("lets the caller replay the execution on the recompiled plan", () => {
    const recorded = record(script, decide);
    const recompiled = buildPlan([{ key: "fetch" }], "other");
    const result = replay(recorded, { decide, plan: recompiled });
    expect(result.status).toBe("diverged");
    if (result.status === "diverged") expect(result.diff[0]).toMatchObject({ scope: "event", index: 0, field: "payloadDigest" });
  });
});
