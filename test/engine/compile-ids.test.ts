import { describe, expect, it } from "vitest";
import { builtinTools, createToolRegistry, toolRegistry } from "../../contracts/tools/index.ts";
import { compile } from "../../engine/compile.ts";
import { digestOf } from "../../engine/hash.ts";
import { idempotencyKeyOf, planDigestOf, stepIdOf } from "../../engine/ids.ts";
import { interpretText } from "../../engine/interpret/index.ts";
import { makeIntent } from "./support/intent.ts";
import { classify } from "./support/tools.ts";

const TEXT = "label acme/api#7 bug then comment acme/api#7 Thanks and close acme/api#7";

function compiled(intent = makeIntent({ text: TEXT }), registry = toolRegistry, interpreterVersion?: string) {
  const interpreted = interpretText(intent.text ?? "", registry);
  if (!interpreted.ok) throw new Error(interpreted.reply);
  const draft = interpreterVersion
    ? { ...interpreted.draft, interpreter: { ...interpreted.draft.interpreter, version: interpreterVersion } }
    : interpreted.draft;
  const result = compile(intent, draft, registry);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

describe("compile: deterministic ids and digest", () => {
  it("gives the same plan, ids and digest every time", () => {
    expect(compiled()).toEqual(compiled());
  });

  it("derives ids, idempotency keys and the digest as documented", () => {
    const plan = compiled();
    expect(plan.planId).toMatch(/^pl_[0-9a-f]{24}$/);
    expect(plan.steps.map((s) => s.stepId)).toEqual(plan.steps.map((s) => stepIdOf(plan.planId, s.key)));
    expect(plan.steps.map((s) => s.idempotencyKey)).toEqual(plan.steps.map((s) => idempotencyKeyOf(s.stepId)));
    expect(plan.intentDigest).toBe(digestOf(makeIntent({ text: TEXT })));
    const { digest, ...unsigned } = plan;
    expect(digest).toBe(planDigestOf(unsigned));
  });

  it("lays out the DAG with tool versions, default risk and side-effect class", () => {
    const plan = compiled();
    const [label, comment, close] = plan.steps;
    expect(label).toMatchObject({ key: "label-1", tool: { key: "github.issue.label", version: "1.0.0" }, risk: "medium", sideEffect: "write", dependsOn: [] });
    expect(comment).toMatchObject({ key: "comment-2", risk: "medium", sideEffect: "external_message", dependsOn: [label?.stepId] });
    expect(close).toMatchObject({ key: "close-3", risk: "high", dependsOn: [label?.stepId] });
  });

  it.each([
    ["the text", { text: `${TEXT} ` }],
    ["the time received", { receivedAt: "2026-03-01T12:00:00.001Z" }],
    ["the tenant", { tenantId: "other" }],
    ["the actor", { actor: { type: "human" as const, id: "U999" } }],
    ["the reply target", { replyTo: { kind: "none" as const } }],
  ])("changes every id when %s changes", (_what, change) => {
    const a = compiled();
    const b = compiled(makeIntent({ text: TEXT, ...change }));
    expect(b.planId).not.toBe(a.planId);
    expect(b.intentDigest).not.toBe(a.intentDigest);
    b.steps.forEach((step, i) => {
      expect(step.stepId).not.toBe(a.steps[i]?.stepId);
      expect(step.idempotencyKey).not.toBe(a.steps[i]?.idempotencyKey);
    });
  });

  it("changes every id when the registry changes", () => {
    const a = compiled();
    const b = compiled(makeIntent({ text: TEXT }), createToolRegistry([...builtinTools, classify]));
    expect(b.registryVersion).not.toBe(a.registryVersion);
    expect(b.planId).not.toBe(a.planId);
    expect(b.steps[0]?.stepId).not.toBe(a.steps[0]?.stepId);
  });

  it("changes every id when the interpreter version changes", () => {
    const a = compiled();
    const b = compiled(makeIntent({ text: TEXT }), toolRegistry, "1.0.1");
    expect(b.planId).not.toBe(a.planId);
    expect(b.digest).not.toBe(a.digest);
  });

  it("step ids differ within a plan and keep to their key across plans of the same intent", () => {
    const plan = compiled();
    expect(new Set(plan.steps.map((s) => s.stepId)).size).toBe(plan.steps.length);
    expect(new Set(plan.steps.map((s) => s.idempotencyKey)).size).toBe(plan.steps.length);
  });
});
