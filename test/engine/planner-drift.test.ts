import { describe, expect, it } from "vitest";
import { planDrift, type PlannedOutcome } from "../../engine/planner/drift.ts";

const close = { key: "close", tool: "github.issue.close", input: { owner: "acme", repo: "web", number: 7 }, after: [] };
const tell = { key: "tell", tool: "channel.reply", input: { text: "done" }, after: ["close"] };
const planned = (...steps: PlannedOutcome["steps"]): PlannedOutcome => ({ code: null, steps });

describe("model drift between the recorded and a live answer", () => {
  it("is empty for the same plan, whatever the order of steps, keys in inputs or after edges", () => {
    const reordered = { ...tell, after: ["close", "close"] };
    expect(planDrift(planned(close, tell), planned(reordered, { ...close, input: { number: 7, repo: "web", owner: "acme" } }))).toEqual([]);
  });

  it("names a changed tool, input or after set, and a step on one side only", () => {
    const live = planned({ ...close, tool: "github.issue.comment", input: { ...close.input, body: "x" } }, { ...tell, after: [] }, { key: "extra", tool: "channel.reply", input: { text: "hi" }, after: [] });
    expect(planDrift(planned(close, tell), live).map((d) => d.path)).toEqual(["steps.close.tool", "steps.close.input", "steps.extra", "steps.tell.after"]);
  });

  it("reports a different outcome first", () => {
    const drift = planDrift(planned(close), { code: "MODEL_REFUSED", steps: [] });
    expect(drift[0]).toEqual({ path: "outcome", recorded: "planned", live: "MODEL_REFUSED" });
    expect(drift[1]).toEqual({ path: "steps.close", recorded: close, live: null });
  });
});
