import type { z } from "zod";
import { Intent } from "../contracts/intent.ts";
import { type CompiledPlan, type CompiledStep, type DraftStep, PlanDraft } from "../contracts/plan.ts";
import type { ToolContract, ToolRegistry } from "../contracts/tools/index.ts";
import { CanonicalError } from "./canonical.ts";
import { ancestors, findCycle } from "./graph.ts";
import { digestOf } from "./hash.ts";
import { digestedIntent, idempotencyKeyOf, planDigestOf, planIdOf, stepIdOf } from "./ids.ts";
import { type InputPath, findRefs, parseRef } from "./refs.ts";
import { alternativesAssignable } from "./schema/assignable.ts";
import { inputAt, outputAt } from "./schema/path.ts";
import { describeProblem, inputProblems } from "./tool-input.ts";

export type CompileErrorCode =
  | "INVALID_INTENT"
  | "INVALID_DRAFT"
  | "DUPLICATE_STEP_KEY"
  | "UNKNOWN_TOOL"
  | "UNKNOWN_DEPENDENCY"
  | "CYCLE"
  | "INVALID_INPUT"
  | "BAD_REF"
  | "REF_UNKNOWN_STEP"
  | "REF_NOT_ANCESTOR"
  | "REF_PATH_NOT_FOUND"
  | "REF_MAY_BE_MISSING"
  | "REF_TARGET_NOT_FOUND"
  | "REF_TYPE_MISMATCH";

export interface CompileError {
  code: CompileErrorCode;
  message: string;
  stepKey?: string;
  /** Where in the step's input (or the draft, for INVALID_DRAFT). */
  path?: InputPath;
  /** For CYCLE: the step keys along the cycle, the first repeated at the end. */
  cycle?: string[];
}

export type CompileResult = { ok: true; plan: CompiledPlan } | { ok: false; errors: CompileError[] };

/**
 * Compiles a draft into a step DAG against `registry`. Pure: the same intent, draft and registry give the
 * same plan, ids and digest, on any machine. Every problem found is reported, not just the first.
 *
 * The intent digest covers the whole intent as its schema reads it (tenant, actor, channel, reply target,
 * text or steps, receivedAt, source): two identical messages received at different times are two plans.
 * `submittedBy` is left out (digestedIntent).
 */
export function compile(intent: Intent, draft: PlanDraft, registry: ToolRegistry): CompileResult {
  const parsedIntent = Intent.safeParse(intent);
  if (!parsedIntent.success) return { ok: false, errors: issuesToErrors("INVALID_INTENT", parsedIntent.error) };
  const parsedDraft = PlanDraft.safeParse(draft);
  if (!parsedDraft.success) return { ok: false, errors: issuesToErrors("INVALID_DRAFT", parsedDraft.error) };
  const steps = parsedDraft.data.steps;

  const errors: CompileError[] = [];
  const intentDigest = digestOrError(digestedIntent(parsedIntent.data), "INVALID_INTENT", errors);
  const byKey = new Map<string, DraftStep>();
  const tools = new Map<string, ToolContract>();
  for (const step of steps) {
    if (byKey.has(step.key)) {
      errors.push({ code: "DUPLICATE_STEP_KEY", stepKey: step.key, message: `step key \`${step.key}\` is used twice` });
      continue;
    }
    byKey.set(step.key, step);
    const tool = registry.resolve(step.tool);
    if (tool) tools.set(step.key, tool);
    else errors.push({ code: "UNKNOWN_TOOL", stepKey: step.key, message: `no tool \`${step.tool}\` in the registry` });
  }

  const edges = new Map<string, string[]>();
  for (const step of byKey.values()) {
    edges.set(step.key, step.after);
    for (const dep of step.after) {
      if (!byKey.has(dep)) {
        errors.push({ code: "UNKNOWN_DEPENDENCY", stepKey: step.key, message: `\`${step.key}\` runs after unknown step \`${dep}\`` });
      }
    }
  }
  const cycle = findCycle([...byKey.keys()], edges);
  if (cycle) errors.push({ code: "CYCLE", cycle, message: `steps depend on each other in a cycle: ${cycle.join(" → ")}` });

  for (const step of byKey.values()) {
    digestOrError(step.input, "INVALID_INPUT", errors, step.key);
    const tool = tools.get(step.key);
    if (tool) errors.push(...checkInput(step, tool, tools, edges));
  }

  if (errors.length > 0 || intentDigest === undefined) return { ok: false, errors };

  const interpreter = parsedDraft.data.interpreter;
  const registryVersion = registry.version;
  const planId = planIdOf({ intentDigest, registryVersion, interpreter });
  const stepIds = new Map([...byKey.keys()].map((key) => [key, stepIdOf(planId, key)]));
  const compiled: CompiledStep[] = steps.map((step) => {
    const stepId = stepIds.get(step.key) ?? "";
    const tool = tools.get(step.key);
    if (tool === undefined) throw new Error("unreachable: tools were checked above");
    return {
      stepId,
      key: step.key,
      tool: { key: tool.key, version: tool.version },
      // A copy, so a caller who later edits its draft cannot edit the plan.
      input: structuredClone(step.input),
      dependsOn: [...new Set(step.after)].map((dep) => stepIds.get(dep) ?? ""),
      risk: tool.risk,
      sideEffect: tool.sideEffect,
      idempotencyKey: idempotencyKeyOf(stepId),
    };
  });
  const unsigned = { planId, intentDigest, registryVersion, interpreter, steps: compiled };
  return { ok: true, plan: { ...unsigned, digest: planDigestOf(unsigned) } };
}

/** References are checked against the schemas; the literal rest of the input against the tool's input schema. */
function checkInput(
  step: DraftStep,
  tool: ToolContract,
  tools: ReadonlyMap<string, ToolContract>,
  edges: ReadonlyMap<string, readonly string[]>,
): CompileError[] {
  const errors: CompileError[] = [];
  const refs = findRefs(step.input);
  const before = ancestors(step.key, edges);
  for (const { path, ref } of refs) {
    const fail = (code: CompileErrorCode, message: string): void => {
      errors.push({ code, stepKey: step.key, path, message: `${step.key}.input.${path.join(".")}: ${message}` });
    };
    const parsed = parseRef(ref);
    if (!parsed) {
      fail("BAD_REF", `\`${ref}\` is not \`<stepKey>.<output path>\``);
      continue;
    }
    const source = tools.get(parsed.stepKey);
    if (!edges.has(parsed.stepKey)) {
      fail("REF_UNKNOWN_STEP", `\`${ref}\` names no step of this plan`);
      continue;
    }
    if (!before.has(parsed.stepKey)) {
      fail("REF_NOT_ANCESTOR", `\`${ref}\`: \`${parsed.stepKey}\` does not run before \`${step.key}\` (add it to \`after\`)`);
      continue;
    }
    if (!source) continue; // reported as UNKNOWN_TOOL
    const produced = outputAt(source.output, parsed.path);
    if (!produced.ok) {
      fail("REF_PATH_NOT_FOUND", `\`${ref}\`: ${source.key} ${produced.reason}`);
      continue;
    }
    // The executor fails a step whose reference finds nothing, so a path that may be absent is refused here.
    if (produced.alternatives.some((a) => a.kind === "undefined")) {
      fail("REF_MAY_BE_MISSING", `\`${ref}\`: ${source.key} output may have nothing at \`${parsed.path.join(".")}\``);
      continue;
    }
    const accepted = inputAt(tool.input, path);
    if (!accepted) {
      fail("REF_TARGET_NOT_FOUND", `${tool.key} has no input field \`${path.join(".")}\``);
      continue;
    }
    if (!alternativesAssignable(produced.alternatives, accepted)) {
      fail("REF_TYPE_MISMATCH", `\`${ref}\` (${source.key} output) does not fit ${tool.key} input \`${path.join(".")}\``);
    }
  }

  for (const problem of inputProblems(tool, step.input, refs.map((r) => r.path))) {
    errors.push({ code: "INVALID_INPUT", stepKey: step.key, path: problem.path, message: `${step.key}.input ${describeProblem(problem)}` });
  }
  return errors;
}

function digestOrError(value: unknown, code: CompileErrorCode, errors: CompileError[], stepKey?: string): string | undefined {
  try {
    return digestOf(value);
  } catch (e) {
    if (!(e instanceof CanonicalError)) throw e;
    errors.push({ code, message: e.message, ...(stepKey === undefined ? {} : { stepKey }) });
    return undefined;
  }
}

function issuesToErrors(code: CompileErrorCode, error: z.ZodError): CompileError[] {
  return error.issues.map((issue) => ({
    code,
    path: issue.path.map((s) => (typeof s === "number" ? s : String(s))),
    message: `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`,
  }));
}
