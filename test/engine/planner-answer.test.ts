import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toolRegistry } from "../../contracts/tools/index.ts";
import { plannerAnswerSchema } from "../../engine/planner/answer-schema.ts";
import { needsConfirmation } from "../../engine/planner/confirmation.ts";
import { planFromModel, wantsModel } from "../../engine/planner/plan-from-model.ts";
import { plannerPrompt } from "../../engine/planner/prompt.ts";
import { MODEL_INTERPRETER_NAME, readModelAnswer } from "../../engine/planner/read-answer.ts";
import { sha256Hex } from "../../engine/hash.ts";
import { planIntent } from "../../engine/plan-intent.ts";
import { makeIntent } from "./support/intent.ts";
import { registryWithSkills } from "./support/tools.ts";

const prose = makeIntent({ text: "could you close the flaky-test issue in acme/web and tell the channel" });

/** Inputs that satisfy each built-in tool, so generated plans compile and the property reaches confirmation. */
const validInputs: Record<string, Record<string, unknown>> = {
  "channel.reply": { text: "done" },
  "github.issue.close": { owner: "acme", repo: "web", number: 7 },
  "github.issue.comment": { owner: "acme", repo: "web", number: 7, body: "looking" },
  "github.issue.label": { owner: "acme", repo: "web", number: 7, labels: ["bug"] },
  "slack.message.post": { channel: "C024BE7LR", text: "hi" },
  "whatsapp.message.send": { to: "+14155550100", text: "hi" },
  "http.request": { method: "GET", url: "https://http.standin/x" },
};

const step = (i: number) =>
  fc.record({
    tool: fc.constantFrom(...Object.keys(validInputs)),
    after: fc.subarray(Array.from({ length: i }, (_, j) => `s${j}`)),
  }).map(({ tool, after }) => ({ key: `s${i}`, tool, input: validInputs[tool], after }));
const wellFormedPlan = fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => step(i)))).map((steps) => ({ kind: "plan", steps }));
const anyAnswer = fc.oneof(
  wellFormedPlan.map((p) => JSON.stringify(p)),
  fc.json(),
  fc.string(),
  fc.record({ kind: fc.constantFrom("plan", "clarify", "refuse", "act"), steps: fc.anything(), question: fc.anything(), reason: fc.anything() }).map((v) => JSON.stringify(v)),
);

describe("the planner's answer schema and reader", () => {
  it("offers exactly the registry's tools, skills included, with their input schemas", () => {
    const schema = plannerAnswerSchema(registryWithSkills) as { anyOf: [{ properties: { steps: { items: { anyOf: { properties: { tool: { const: string } } }[] } } } }] };
    const tools = schema.anyOf[0].properties.steps.items.anyOf.map((s) => s.properties.tool.const);
    expect(tools).toContain("acme/triage/classify");
    expect(tools).toEqual([...new Set(registryWithSkills.list().map((t) => t.key))]);
  });

  it("names the recorded answer's digest in the interpreter, so the plan id depends on it", () => {
    const raw = JSON.stringify({ kind: "plan", steps: [{ key: "hi", tool: "channel.reply", input: { text: "hi" }, after: [] }] });
    const answer = readModelAnswer(raw, toolRegistry);
    expect(answer).toMatchObject({ kind: "plan", draft: { interpreter: { name: MODEL_INTERPRETER_NAME, version: `1.0.0+${sha256Hex(raw)}` } } });
    const a = planFromModel(prose, toolRegistry, { outcome: "answered", raw });
    const b = planFromModel(prose, toolRegistry, { outcome: "answered", raw: `${raw} ` });
    expect(a.ok && b.ok && a.plan.planId !== b.plan.planId).toBe(true);
  });

  it("never repairs: an unknown tool, a missing field or an extra one is MODEL_OUTPUT_INVALID", () => {
    for (const raw of [
      JSON.stringify({ kind: "plan", steps: [{ key: "x", tool: "shell.exec", input: {}, after: [] }] }),
      JSON.stringify({ kind: "plan", steps: [{ key: "x", tool: "github.issue.close", input: { owner: "acme", repo: "web" }, after: [] }] }),
      JSON.stringify({ kind: "clarify", question: "which?", steps: [] }),
      "```json\n{\"kind\":\"refuse\",\"reason\":\"no\"}\n```",
    ]) {
      const result = planFromModel(prose, toolRegistry, { outcome: "answered", raw });
      expect(result.ok ? null : result.rejection.reasons[0]?.code).toBe("MODEL_OUTPUT_INVALID");
    }
  });

  it("keeps grammar text from the model, and sends only unreadable text", () => {
    expect(wantsModel(makeIntent({ text: "close acme/web#7" }), planIntent(makeIntent({ text: "close acme/web#7" }), toolRegistry))).toBe(false);
    expect(wantsModel(makeIntent({ text: "close acme/web" }), planIntent(makeIntent({ text: "close acme/web" }), toolRegistry))).toBe(false);
    expect(wantsModel(prose, planIntent(prose, toolRegistry))).toBe(true);
    const structured = makeIntent({ text: undefined, steps: [{ key: "a", tool: "nope", input: {}, after: [] }] });
    expect(wantsModel(structured, planIntent(structured, toolRegistry))).toBe(false);
  });

  it("builds the prompt from the registry and the text only: no reply target, no actor", () => {
    const intent = makeIntent({ text: "please tell them", replyTo: { kind: "slack", teamId: "T9SECRET", channelId: "C9", responseUrl: "https://hooks.slack.com/commands/T9/secret" } });
    const prompt = JSON.stringify(plannerPrompt(intent, toolRegistry));
    expect(prompt).toContain("please tell them");
    expect(prompt).toContain("github.issue.close");
    for (const leak of ["T9SECRET", "hooks.slack.com", "U123"]) expect(prompt).not.toContain(leak);
  });

  it("property: a well-formed plan over the built-in tools compiles and verifies unchanged", () => {
    fc.assert(
      fc.property(wellFormedPlan, (answer) => {
        const result = planFromModel(prose, toolRegistry, { outcome: "answered", raw: JSON.stringify(answer) });
        expect(result.ok ? null : result.rejection.reasons).toBeNull();
        if (result.ok) expect(result.draft.steps).toEqual(answer.steps);
      }),
      { numRuns: 200 },
    );
  });

  it("property: whatever the model answers, a plan above low always needs confirmation and the same answer plans the same", () => {
    fc.assert(
      fc.property(anyAnswer, (raw) => {
        const first = planFromModel(prose, toolRegistry, { outcome: "answered", raw });
        const again = planFromModel(prose, toolRegistry, { outcome: "answered", raw });
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));
        if (!first.ok) return;
        expect(first.draft.interpreter.name).toBe(MODEL_INTERPRETER_NAME);
        expect(needsConfirmation(first.draft, first.plan)).toBe(first.plan.steps.some((s) => s.risk !== "low"));
      }),
      { numRuns: 300 },
    );
  });
});
