import type { Intent } from "../../contracts/intent.ts";
import type { ToolRegistry } from "../../contracts/tools/index.ts";
import { type PlanIntentResult, type PlanRejection, planDraft } from "../plan-intent.ts";
import { readModelAnswer } from "./read-answer.ts";

/**
 * What the planner's model call left in the trace (`controlPlane.plan.drafted`): its raw answer, or why there is
 * none (MODEL_BUDGET_EXHAUSTED: the tenant's daily token budget was used up, and the model was not asked).
 */
export type DraftedCall =
  | { outcome: "answered"; raw: string }
  | { outcome: "failed"; code: "MODEL_TIMEOUT" | "MODEL_UNAVAILABLE" | "MODEL_BUDGET_EXHAUSTED"; message: string };

const GRAMMAR_STILL_WORKS = "Commands still work: send `help` for the ones I understand.";

/**
 * Text the grammar could not read goes to the model only when its first word is no command at all: a
 * command with bad arguments gets the grammar's usage reply, exact, and never a model's guess.
 */
export function wantsModel(intent: Intent, grammar: PlanIntentResult): boolean {
  if (intent.text === undefined || grammar.ok) return false;
  return grammar.rejection.stage === "interpret" && grammar.rejection.reasons[0]?.code === "UNKNOWN_COMMAND";
}

/**
 * The recorded model call → a compiled, verified plan, or a rejection whose reply says what happened. Pure:
 * the execution runs it on the answer it just recorded, replay on the answer read back from the trace, each
 * with the tools that were offered (recorded with the answer; absent in older records: every tool).
 */
export function planFromModel(intent: Intent, registry: ToolRegistry, call: DraftedCall, offered?: readonly string[]): PlanIntentResult {
  if (call.outcome === "failed") {
    const reply = call.code === "MODEL_TIMEOUT"
      ? `The planner did not answer in time, so nothing was done. ${GRAMMAR_STILL_WORKS}`
      : call.code === "MODEL_BUDGET_EXHAUSTED"
        ? `The planner is unavailable until tomorrow (UTC): today's model budget is used up, so nothing was done. ${GRAMMAR_STILL_WORKS}`
        : `The planner is unavailable right now, so nothing was done. ${GRAMMAR_STILL_WORKS}`;
    return rejected(call.code, call.message, reply);
  }
  const answer = readModelAnswer(call.raw, registry, offered);
  switch (answer.kind) {
    case "plan":
      return planDraft(intent, answer.draft, registry);
    case "clarify":
      return rejected("CLARIFICATION_NEEDED", answer.question, answer.question);
    case "refuse":
      return rejected("MODEL_REFUSED", answer.reason, `I can't do that: ${answer.reason} Nothing was done.`);
    case "not_offered":
      return rejected(
        "TOOL_NOT_OFFERED",
        `the answer names tools that were not offered for this request: ${answer.tools.join(", ")}`,
        `I can only plan with the tools you may use here, and that would need ${answer.tools.join(", ")}, so nothing was done. ${GRAMMAR_STILL_WORKS}`,
      );
    case "invalid":
      return rejected(
        "MODEL_OUTPUT_INVALID",
        answer.problems.join("; "),
        `I could not turn that into a plan I can check, so nothing was done. Try saying it more simply, or use a command. ${GRAMMAR_STILL_WORKS}`,
      );
  }
}

function rejected(code: string, message: string, reply: string): PlanIntentResult {
  const rejection: PlanRejection = { stage: "interpret", reasons: [{ code, message: message.slice(0, 2000) }], reply: reply.slice(0, 4000) };
  return { ok: false, draft: null, rejection };
}
