import { describe, expect, it } from "vitest";
import type { CompiledPlan } from "../../contracts/plan.ts";
import { builtinTools, createToolRegistry, toolRegistry } from "../../contracts/tools/index.ts";
import { compile } from "../../engine/compile.ts";
import { planDigestOf } from "../../engine/ids.ts";
import { interpretText } from "../../engine/interpret/index.ts";
import { type VerifyReasonCode, verifyPlan } from "../../engine/verify.ts";
import { makeIntent } from "./support/intent.ts";
import { classify } from "./support/tools.ts";

const intent = makeIntent({ text: "label acme/api#7 bug then comment acme/api#7 Thanks and close acme/api#7" });

function freshPlan(): CompiledPlan {
  const interpreted = interpretText(intent.text ?? "", toolRegistry);
  if (!interpreted.ok) throw new Error(interpreted.reply);
  const result = compile(intent, interpreted.draft, toolRegistry);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return structuredClone(result.plan);
}

/** What a careful forger does after an edit: recompute the digest so it matches. */
function reseal(plan: CompiledPlan): CompiledPlan {
  const { digest: _old, ...unsigned } = plan;
  return { ...plan, digest: planDigestOf(unsigned) };
}

function codes(plan: unknown, against = intent, registry = toolRegistry): VerifyReasonCode[] {
  const result = verifyPlan(plan, against, registry);
  return result.ok ? [] : [...new Set(result.reasons.map((r) => r.code))];
}

function step(plan: CompiledPlan, i: number) {
  const s = plan.steps[i];
  if (!s) throw new Error(`no step ${i}`);
  return s;
}

describe("verifyPlan", () => {
  it("accepts the plan as compiled", () => {
    expect(verifyPlan(freshPlan(), intent, toolRegistry)).toEqual({ ok: true });
  });

  it("accepts a plan of structured steps", () => {
    const structured = makeIntent({ text: undefined, steps: [{ key: "hi", tool: "channel.reply", input: { text: "hi" }, after: [] }] });
    const result = compile(structured, { interpreter: { name: "control-plane.structured", version: "1.0.0" }, steps: structured.steps ?? [] }, toolRegistry);
    expect(result.ok && verifyPlan(result.plan, structured, toolRegistry)).toEqual({ ok: true });
  });

  it("needs the draft of a plan from a non-deterministic interpreter, and accepts it with the draft", () => {
    const draft = { interpreter: { name: "model", version: "x" }, steps: [{ key: "hi", tool: "channel.reply", input: { text: "hi" }, after: [] }] };
    const result = compile(intent, draft, toolRegistry);
    if (!result.ok) throw new Error("compile");
    expect(codes(result.plan)).toEqual(["DRAFT_UNAVAILABLE"]);
    expect(verifyPlan(result.plan, intent, toolRegistry, { draft })).toEqual({ ok: true });
  });

  describe("detects tampering, whether or not the digest was recomputed", () => {
    const tamperings: [string, (p: CompiledPlan) => void, VerifyReasonCode][] = [
      ["a changed input", (p) => (step(p, 1).input.body = "Closing as spam"), "RECOMPILE_MISMATCH"],
      ["an added input field", (p) => (step(p, 2).input.reason = "not_planned"), "RECOMPILE_MISMATCH"],
      ["a lowered risk", (p) => (step(p, 2).risk = "low"), "RECOMPILE_MISMATCH"],
      ["a changed side-effect class", (p) => (step(p, 1).sideEffect = "none"), "RECOMPILE_MISMATCH"],
      ["a dropped dependency", (p) => (step(p, 2).dependsOn = []), "RECOMPILE_MISMATCH"],
      ["an added dependency", (p) => step(p, 2).dependsOn.push(step(p, 1).stepId), "RECOMPILE_MISMATCH"],
      ["a dependency on a step not in the plan", (p) => (step(p, 2).dependsOn = ["st_000000000000000000000000"]), "DANGLING_DEPENDENCY"],
      ["a dependency cycle", (p) => (step(p, 0).dependsOn = [step(p, 2).stepId]), "CYCLE"],
      ["a tool version the registry does not have", (p) => (step(p, 2).tool.version = "9.9.9"), "UNKNOWN_TOOL_VERSION"],
      ["a swapped tool", (p) => (step(p, 1).tool.key = "channel.reply"), "RECOMPILE_MISMATCH"],
      ["a changed step id", (p) => (step(p, 1).stepId = "st_111111111111111111111111"), "STEP_ID_MISMATCH"],
      ["a changed idempotency key", (p) => (step(p, 1).idempotencyKey = `idk_${"1".repeat(32)}`), "IDEMPOTENCY_KEY_MISMATCH"],
      ["a changed plan id", (p) => (p.planId = "pl_111111111111111111111111"), "PLAN_ID_MISMATCH"],
      ["a removed step", (p) => p.steps.pop(), "RECOMPILE_MISMATCH"],
      ["an added step", (p) => p.steps.push({ ...step(p, 0), key: "extra" }), "RECOMPILE_MISMATCH"],
      ["reordered steps", (p) => p.steps.reverse(), "RECOMPILE_MISMATCH"],
      ["a changed interpreter", (p) => (p.interpreter.version = "0.9.0"), "PLAN_ID_MISMATCH"],
      ["another intent digest", (p) => (p.intentDigest = "0".repeat(64)), "INTENT_MISMATCH"],
      ["another registry version", (p) => (p.registryVersion = "0".repeat(64)), "REGISTRY_MISMATCH"],
    ];

    it.each(tamperings)("%s (digest left as it was)", (_what, tamper, code) => {
      const plan = freshPlan();
      tamper(plan);
      const found = codes(plan);
      expect(found).toContain("DIGEST_MISMATCH");
      expect(found).toContain(code);
    });

    it.each(tamperings)("%s (digest recomputed)", (_what, tamper, code) => {
      const plan = freshPlan();
      tamper(plan);
      const found = codes(reseal(plan));
      expect(found).not.toContain("DIGEST_MISMATCH");
      expect(found).toContain(code);
    });
  });

  it("detects a changed digest", () => {
    expect(codes({ ...freshPlan(), digest: "f".repeat(64) })).toEqual(["DIGEST_MISMATCH", "RECOMPILE_MISMATCH"]);
  });

  it("detects a field added to the plan", () => {
    expect(codes({ ...freshPlan(), approvedBy: "mallory" })).toEqual(["RECOMPILE_MISMATCH"]);
  });

  it("says where the plan differs from a fresh compilation", () => {
    const plan = freshPlan();
    step(plan, 1).input.body = "Closing as spam";
    const result = verifyPlan(reseal(plan), intent, toolRegistry);
    const paths = result.ok ? [] : result.reasons.filter((r) => r.code === "RECOMPILE_MISMATCH").map((r) => r.path);
    expect(paths).toEqual(["$.digest", "$.steps[1].input.body"]);
  });

  it("refuses a plan verified against another intent", () => {
    expect(codes(freshPlan(), makeIntent({ text: intent.text, receivedAt: "2026-03-02T00:00:00.000Z" }))).toContain("INTENT_MISMATCH");
  });

  it("refuses a plan verified against another registry", () => {
    expect(codes(freshPlan(), intent, createToolRegistry([...builtinTools, classify]))).toContain("REGISTRY_MISMATCH");
  });

  it("refuses something that is not a plan", () => {
    expect(codes({ planId: "x" })).toEqual(["MALFORMED_PLAN"]);
    expect(codes(null)).toEqual(["MALFORMED_PLAN"]);
  });
});
