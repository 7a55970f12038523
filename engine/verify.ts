import { Intent } from "../contracts/intent.ts";
import { CompiledPlan, type InterpreterId, type PlanDraft } from "../contracts/plan.ts";
import type { ToolRegistry } from "../contracts/tools/index.ts";
import { CanonicalError } from "./canonical.ts";
import { compile } from "./compile.ts";
import { findCycle } from "./graph.ts";
import { digestOf } from "./hash.ts";
import { digestedIntent, idempotencyKeyOf, planDigestOf, planIdOf, stepIdOf } from "./ids.ts";
import { GRAMMAR_INTERPRETER, STRUCTURED_INTERPRETER, interpret } from "./interpret/index.ts";
import { jsonDiff } from "./json-diff.ts";

export type VerifyReasonCode =
  | "MALFORMED_PLAN"
  | "DIGEST_MISMATCH"
  | "PLAN_ID_MISMATCH"
  | "STEP_ID_MISMATCH"
  | "IDEMPOTENCY_KEY_MISMATCH"
  | "INTENT_MISMATCH"
  | "REGISTRY_MISMATCH"
  | "UNKNOWN_TOOL_VERSION"
  | "DUPLICATE_STEP"
  | "DANGLING_DEPENDENCY"
  | "CYCLE"
  | "DRAFT_UNAVAILABLE"
  | "RECOMPILE_FAILED"
  | "RECOMPILE_MISMATCH";

export interface VerifyReason {
  code: VerifyReasonCode;
  message: string;
  /** Where in the plan, e.g. `$.steps[1].risk`. */
  path?: string;
}

export type VerifyResult = { ok: true } | { ok: false; reasons: VerifyReason[] };

export interface VerifyOptions {
  /**
   * The draft the plan was compiled from. Needed only for interpreters whose output cannot be re-derived
   * from the intent (a model); the grammar and structured steps are re-interpreted here.
   */
  draft?: PlanDraft;
}

/**
 * Re-checks a stored plan: its digest and every id, that the intent and registry are the ones it names,
 * that it is a DAG of known tools, and finally that compiling the intent again yields exactly this plan.
 * The last check alone catches any tampering; the others say what was tampered with.
 */
export function verifyPlan(plan: unknown, intent: Intent, registry: ToolRegistry, options: VerifyOptions = {}): VerifyResult {
  const shape = checkShape(plan, registry);
  if (shape.stored === null) return fail(shape.reasons);
  const { stored, reasons } = shape;
  const intentDigest = intentDigestOf(intent);
  if (intentDigest !== stored.intentDigest) {
    reasons.push({ code: "INTENT_MISMATCH", path: "$.intentDigest", message: "the plan was not compiled from this intent" });
  }
  reasons.push(...recompileAndCompare(plan, stored.interpreter, intent, registry, options));
  return reasons.length === 0 ? { ok: true } : fail(reasons);
}

/**
 * What can be checked of a plan without the intent it was compiled from: shape, digest, ids, graph and
 * registry. A plan that passes may still not be the one its intent compiles to; only verifyPlan says that.
 */
export function verifyPlanShape(plan: unknown, registry: ToolRegistry): VerifyResult {
  const { reasons } = checkShape(plan, registry);
  return reasons.length === 0 ? { ok: true } : fail(reasons);
}

function checkShape(plan: unknown, registry: ToolRegistry): { stored: CompiledPlan | null; reasons: VerifyReason[] } {
  const parsed = CompiledPlan.safeParse(plan);
  if (!parsed.success) {
    return {
      stored: null,
      reasons: parsed.error.issues.map((issue) => ({
        code: "MALFORMED_PLAN",
        path: toPath(issue.path),
        message: `${toPath(issue.path)}: ${issue.message}`,
      })),
    };
  }
  const stored = parsed.data;
  const reasons: VerifyReason[] = [...checkIds(stored), ...checkGraph(stored)];

  if (planDigestOf(stored) !== stored.digest) {
    reasons.push({ code: "DIGEST_MISMATCH", path: "$.digest", message: "the digest does not match the plan's content" });
  }
  if (registry.version !== stored.registryVersion) {
    reasons.push({ code: "REGISTRY_MISMATCH", path: "$.registryVersion", message: "the plan names another tool registry version" });
  }
  stored.steps.forEach((step, i) => {
    if (!registry.get(step.tool.key, step.tool.version)) {
      reasons.push({
        code: "UNKNOWN_TOOL_VERSION",
        path: `$.steps[${i}].tool`,
        message: `no tool ${step.tool.key}@${step.tool.version} in the registry`,
      });
    }
  });
  return { stored, reasons };
}

function checkIds(plan: CompiledPlan): VerifyReason[] {
  const reasons: VerifyReason[] = [];
  const { intentDigest, registryVersion, interpreter } = plan;
  if (planIdOf({ intentDigest, registryVersion, interpreter }) !== plan.planId) {
    reasons.push({ code: "PLAN_ID_MISMATCH", path: "$.planId", message: "the plan id does not derive from its intent, registry and interpreter" });
  }
  plan.steps.forEach((step, i) => {
    if (stepIdOf(plan.planId, step.key) !== step.stepId) {
      reasons.push({ code: "STEP_ID_MISMATCH", path: `$.steps[${i}].stepId`, message: `step \`${step.key}\` has an id that does not derive from the plan id and its key` });
    }
    if (idempotencyKeyOf(step.stepId) !== step.idempotencyKey) {
      reasons.push({ code: "IDEMPOTENCY_KEY_MISMATCH", path: `$.steps[${i}].idempotencyKey`, message: `step \`${step.key}\` has an idempotency key that does not derive from its id` });
    }
  });
  return reasons;
}

function checkGraph(plan: CompiledPlan): VerifyReason[] {
  const reasons: VerifyReason[] = [];
  const edges = new Map<string, string[]>();
  const keys = new Set<string>();
  plan.steps.forEach((step, i) => {
    if (edges.has(step.stepId) || keys.has(step.key)) {
      reasons.push({ code: "DUPLICATE_STEP", path: `$.steps[${i}]`, message: `step \`${step.key}\` (${step.stepId}) appears twice` });
    }
    edges.set(step.stepId, step.dependsOn);
    keys.add(step.key);
  });
  plan.steps.forEach((step, i) => {
    step.dependsOn.forEach((dep, j) => {
      if (!edges.has(dep)) {
        reasons.push({ code: "DANGLING_DEPENDENCY", path: `$.steps[${i}].dependsOn[${j}]`, message: `step \`${step.key}\` depends on ${dep}, which is not in the plan` });
      }
    });
  });
  const cycle = findCycle([...edges.keys()], edges);
  if (cycle) reasons.push({ code: "CYCLE", message: `steps depend on each other in a cycle: ${cycle.join(" → ")}` });
  return reasons;
}

function recompileAndCompare(
  raw: unknown,
  interpreter: InterpreterId,
  intent: Intent,
  registry: ToolRegistry,
  options: VerifyOptions,
): VerifyReason[] {
  let draft = options.draft;
  if (draft === undefined) {
    if (!isDeterministic(interpreter)) {
      return [{ code: "DRAFT_UNAVAILABLE", message: `plans of interpreter ${interpreter.name}@${interpreter.version} need their draft to be verified` }];
    }
    const interpreted = interpret(intent, registry);
    if (!interpreted.ok) return [{ code: "RECOMPILE_FAILED", message: `the intent no longer interprets: ${interpreted.reason}` }];
    draft = interpreted.draft;
  }
  const recompiled = compile(intent, draft, registry);
  if (!recompiled.ok) {
    return [{ code: "RECOMPILE_FAILED", message: `the intent no longer compiles: ${recompiled.errors.map((e) => e.message).join("; ")}` }];
  }
  return jsonDiff(recompiled.plan, raw).map((d) => ({
    code: "RECOMPILE_MISMATCH",
    path: d.path,
    message: `${d.path}: compiling the intent gives ${show(d.expected)}, the plan has ${show(d.actual)}`,
  }));
}

function isDeterministic(interpreter: InterpreterId): boolean {
  return [GRAMMAR_INTERPRETER, STRUCTURED_INTERPRETER].some(
    (known) => known.name === interpreter.name && known.version === interpreter.version,
  );
}

function intentDigestOf(intent: Intent): string | undefined {
  const parsed = Intent.safeParse(intent);
  if (!parsed.success) return undefined;
  try {
    return digestOf(digestedIntent(parsed.data));
  } catch (e) {
    if (e instanceof CanonicalError) return undefined;
    throw e;
  }
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function toPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, s) => (typeof s === "number" ? `${acc}[${s}]` : `${acc}.${String(s)}`), "$");
}

function fail(reasons: VerifyReason[]): VerifyResult {
  return { ok: false, reasons };
}
