import { describe, expect, it } from "vitest";
import { resolveRefs } from "../../../engine/executor/refs.ts";
import { at, buildPlan, feed, idOf, invokes, ok, start, stepByKey } from "./helpers.ts";

describe("references to earlier outputs", () => {
  it("are resolved from the recorded outputs of ancestors when the step starts", () => {
    const plan = buildPlan([
      { key: "find", input: { q: "x" } },
      { key: "mid", after: ["find"] },
      {
        key: "use",
        after: ["mid"],
        input: {
          whole: { $ref: "find" },
          nested: { $ref: "find.issue.number" },
          first: [{ $ref: "find.labels.0" }],
          literal: { $ref: "find", note: "two keys: data, not a reference" },
        },
      },
    ]);
    const found = { issue: { number: 42 }, labels: ["bug", "p1"] };
    const s1 = feed(start(plan).state, ok(idOf(plan, "find"), 1, found), at(1));
    const s2 = feed(s1.state, ok(idOf(plan, "mid"), 1), at(2));
    const [invoke] = invokes(s2.effects);
    expect(invoke?.input).toEqual({
      whole: found,
      nested: 42,
      first: ["bug"],
      literal: { $ref: "find", note: "two keys: data, not a reference" },
    });
    expect(stepByKey(s2.state, "use").input).toEqual(invoke?.input);
  });

  it("fail the step, before policy or any call, when the output lacks the path", () => {
    const plan = buildPlan([
      { key: "find" },
      { key: "use", after: ["find"], input: { n: { $ref: "find.issue.number" } } },
      { key: "after", after: ["use"] },
    ]);
    const s1 = feed(start(plan).state, ok(idOf(plan, "find"), 1, { issue: {} }), at(1));
    const use = stepByKey(s1.state, "use");
    expect(use.state).toBe("failed");
    expect(use.reason?.code).toBe("REF_UNRESOLVED");
    expect(use.verdict).toBeNull();
    expect(invokes(s1.effects)).toEqual([]);
    expect(stepByKey(s1.state, "after").state).toBe("skipped");
    expect(s1.state.status).toBe("failed");
  });

  it("only see the outputs they are given, and follow own properties only", () => {
    const outputs = new Map<string, unknown>([["a", { list: [1, 2] }]]);
    expect(resolveRefs({ x: { $ref: "b.y" } }, outputs)).toMatchObject({ ok: false });
    expect(resolveRefs({ x: { $ref: "a.constructor" } }, outputs)).toMatchObject({ ok: false });
    expect(resolveRefs({ x: { $ref: "a.list.2" } }, outputs)).toMatchObject({ ok: false });
    expect(resolveRefs({ x: { $ref: "a.list.1" } }, outputs)).toEqual({ ok: true, input: { x: 2 } });
  });
});
