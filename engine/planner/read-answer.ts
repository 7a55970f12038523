import { Validator } from "@cfworker/json-schema";
import type { DraftStep, InterpreterId, PlanDraft } from "../../contracts/plan.ts";
import type { ToolRegistry } from "../../contracts/tools/index.ts";
import { sha256Hex } from "../hash.ts";
import { plannerAnswerSchema } from "./answer-schema.ts";
import { offerOf } from "./offered-tools.ts";

/** Interpreter name of model-drafted plans; the version carries the digest of the recorded response. */
export const MODEL_INTERPRETER_NAME = "control-plane.model";
const MODEL_INTERPRETER_VERSION = "1.0.0";

/**
 * Part of every model-drafted plan id: the planner's version with the SHA-256 of the raw response as semver
 * build metadata, so two different answers can never compile to the same plan id, and replay, which feeds
 * the recorded response back, arrives at the same one.
 */
export function modelInterpreter(rawResponse: string): InterpreterId {
  return { name: MODEL_INTERPRETER_NAME, version: `${MODEL_INTERPRETER_VERSION}+${sha256Hex(rawResponse)}` };
}

export function isModelDrafted(draft: PlanDraft): boolean {
  return draft.interpreter.name === MODEL_INTERPRETER_NAME;
}

export type ModelAnswer =
  | { kind: "plan"; draft: PlanDraft }
  | { kind: "clarify"; question: string }
  | { kind: "refuse"; reason: string }
  | { kind: "not_offered"; tools: string[] }
  | { kind: "invalid"; problems: string[] };

/**
 * Reads a model's raw answer against the schema it was constrained by. Anything that does not validate is
 * `invalid`, with why: never repaired, never guessed at. Pure, so replay reads the recorded answer the same way.
 */
export function readModelAnswer(raw: string, registry: ToolRegistry, offered?: readonly string[]): ModelAnswer {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { kind: "invalid", problems: ["the answer is not JSON"] };
  }
  const notOffered = toolsNotOffered(value, registry, offerOf(registry, offered));
  if (notOffered.length > 0) return { kind: "not_offered", tools: notOffered };
  const checked = new Validator(plannerAnswerSchema(registry, offered), "2020-12", false).validate(value);
  if (!checked.valid) {
    const problems = checked.errors.filter((e) => e.keyword !== "anyOf").slice(0, 5).map((e) => `${e.instanceLocation}: ${e.error}`);
    return { kind: "invalid", problems: problems.length > 0 ? problems : ["the answer does not match the planner's schema"] };
  }
  if (!isRecord(value)) return { kind: "invalid", problems: ["the answer is not an object"] };
  if (value.kind === "clarify" && typeof value.question === "string") return { kind: "clarify", question: value.question };
  if (value.kind === "refuse" && typeof value.reason === "string") return { kind: "refuse", reason: value.reason };
  if (value.kind === "plan" && Array.isArray(value.steps)) {
    const steps = value.steps.filter(isRecord).map((s): DraftStep => ({
      key: String(s.key),
      tool: String(s.tool),
      input: isRecord(s.input) ? s.input : {},
      after: Array.isArray(s.after) ? s.after.map(String) : [],
    }));
    return { kind: "plan", draft: { interpreter: modelInterpreter(raw), steps } };
  }
  return { kind: "invalid", problems: ["the answer is none of plan, clarify or refuse"] };
}

/**
 * Tools of the registry that a plan answer names although they were not offered to this requester: told
 * apart from an invalid answer, since it is the model reaching past what it was allowed (and worth knowing).
 * A name the registry does not know is simply invalid.
 */
function toolsNotOffered(value: unknown, registry: ToolRegistry, offer: ReadonlySet<string>): string[] {
  if (!isRecord(value) || value.kind !== "plan" || !Array.isArray(value.steps)) return [];
  const named = value.steps.filter(isRecord).map((s) => s.tool).filter((t): t is string => typeof t === "string");
  return [...new Set(named.filter((t) => !offer.has(t) && registry.latest(t) !== undefined))].sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
