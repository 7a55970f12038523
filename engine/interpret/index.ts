import type { Intent } from "../../contracts/intent.ts";
import type { DraftStep, InterpreterId, PlanDraft } from "../../contracts/plan.ts";
import type { ToolRegistry } from "../../contracts/tools/index.ts";
import { describeProblem, inputProblems } from "../tool-input.ts";
import type { Parsed } from "./arguments.ts";
import { type StepSpec, commandByVerb } from "./commands.ts";
import { commandHelp, helpText, nearestCommand } from "./help.ts";
import { QuoteError } from "./quotes.ts";
import { type Segment, splitSegments } from "./segments.ts";

/** Part of every plan id: a change to the grammar's output must bump this version. */
export const GRAMMAR_INTERPRETER: InterpreterId = { name: "control-plane.grammar", version: "1.0.0" };
/** For intents that arrive as steps (API, CLI): the steps are the draft. */
export const STRUCTURED_INTERPRETER: InterpreterId = { name: "control-plane.structured", version: "1.0.0" };

export type InterpretErrorCode =
  | "EMPTY"
  | "MALFORMED_TEXT"
  | "UNBALANCED_QUOTE"
  | "UNKNOWN_COMMAND"
  | "HELP_NOT_CHAINABLE"
  | "INVALID_ARGUMENTS"
  | "UNKNOWN_TOOL"
  | "TOO_MANY_STEPS";

export type InterpretRejection = {
  ok: false;
  code: InterpretErrorCode;
  /** For the trace and operators. */
  reason: string;
  /** For the sender, in the thread: what was wrong and how to write it. */
  reply: string;
};

export type InterpretResult = { ok: true; draft: PlanDraft } | InterpretRejection;

const MAX_STEPS = 500;
const CHAINABLE: ReadonlySet<string> = new Set(commandByVerb.keys());
const CP_PREFIX = /^\s*\/cp(?=\s|$)/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function interpret(intent: Intent, registry: ToolRegistry): InterpretResult {
  if (intent.steps !== undefined) return { ok: true, draft: { interpreter: STRUCTURED_INTERPRETER, steps: intent.steps } };
  return interpretText(intent.text ?? "", registry);
}

/**
 * Reads channel text with the command grammar. Deterministic and total: any string gives either a draft
 * whose every step input already satisfies its tool's schema, or a rejection with a reply. Never a guess.
 */
export function interpretText(text: string, registry: ToolRegistry): InterpretResult {
  const body = text.replace(CP_PREFIX, "").trim();
  if (body === "") return reject("EMPTY", "no command given", helpText());
  // Half of a UTF-16 surrogate pair is not text; no plan could carry it (canonical JSON refuses it).
  if (LONE_SURROGATE.test(body)) return reject("MALFORMED_TEXT", "the text is not valid Unicode", "I could not read that message.");

  let segments: Segment[];
  try {
    segments = splitSegments(body, CHAINABLE);
  } catch (e) {
    if (!(e instanceof QuoteError)) throw e;
    return reject("UNBALANCED_QUOTE", e.message, `I could not read that: ${e.message}. Close each \`"\` you open.`);
  }
  const [first] = segments;
  if (first?.verb === "help") return help(first, segments.length, registry);
  if (segments.length > MAX_STEPS) {
    return reject("TOO_MANY_STEPS", `${segments.length} steps`, `That is ${segments.length} steps; at most ${MAX_STEPS} are allowed.`);
  }

  const steps: DraftStep[] = [];
  let previousStage: string[] = [];
  let stage: string[] = [];
  for (const [i, segment] of segments.entries()) {
    const built = buildStep(segment, i, registry);
    if (!built.ok) return built;
    if (segment.join === "then") {
      previousStage = stage;
      stage = [];
    }
    steps.push({ ...built.step, after: [...previousStage] });
    stage.push(built.step.key);
  }
  return { ok: true, draft: { interpreter: GRAMMAR_INTERPRETER, steps } };
}

function buildStep(
  segment: Segment,
  index: number,
  registry: ToolRegistry,
): { ok: true; step: Omit<DraftStep, "after"> } | InterpretRejection {
  const command = commandByVerb.get(segment.verb);
  if (!command) {
    const near = nearestCommand(segment.verb);
    const hint = near ? `Did you mean \`${near.verb}\`? ${commandHelp(near)}` : `Try \`help\`.\n\n${helpText()}`;
    return reject("UNKNOWN_COMMAND", `unknown command \`${segment.verb}\``, `I don't know \`${segment.verb}\`. ${hint}`);
  }
  const usage = (problem: string): string => `${capitalise(problem)}. Usage: ${command.usage}`;
  let parsed: Parsed<StepSpec>;
  try {
    parsed = command.parse(segment.args, registry);
  } catch (e) {
    if (!(e instanceof QuoteError)) throw e;
    return reject("UNBALANCED_QUOTE", e.message, usage(e.message));
  }
  if (!parsed.ok) return reject("INVALID_ARGUMENTS", `${command.verb}: ${parsed.problem}`, usage(parsed.problem));
  const tool = registry.resolve(parsed.value.tool);
  if (!tool) {
    return reject("UNKNOWN_TOOL", `no tool \`${parsed.value.tool}\``, `\`${command.verb}\` is not available here: no tool \`${parsed.value.tool}\`.`);
  }
  const [problem] = inputProblems(tool, parsed.value.input);
  if (problem) {
    const text = describeProblem(problem);
    return reject("INVALID_ARGUMENTS", `${command.verb}: ${text}`, usage(text));
  }
  return { ok: true, step: { key: `${command.verb}-${index + 1}`, tool: parsed.value.tool, input: parsed.value.input } };
}

function help(segment: Segment, count: number, registry: ToolRegistry): InterpretResult {
  if (count > 1) {
    return reject("HELP_NOT_CHAINABLE", "help chained with other commands", "`help` stands alone; send it by itself.");
  }
  const command = commandByVerb.get(segment.args.toLowerCase());
  const text = command ? commandHelp(command) : helpText();
  const step: DraftStep = { key: "help", tool: "channel.reply", input: { text }, after: [] };
  if (!registry.resolve(step.tool)) {
    return reject("UNKNOWN_TOOL", "no tool `channel.reply`", "Replies are not available here.");
  }
  return { ok: true, draft: { interpreter: GRAMMAR_INTERPRETER, steps: [step] } };
}

function reject(code: InterpretErrorCode, reason: string, reply: string): InterpretRejection {
  return { ok: false, code, reason, reply };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
