import type { LiveReplay } from "../contracts/commands/execution-replay.ts";
import type { PlanDraftedPayload } from "../contracts/events/plan-drafted.ts";
import type { Intent } from "../contracts/intent.ts";
import type { ToolRegistry } from "../contracts/tools/index.ts";
import { sha256Hex } from "../engine/hash.ts";
import { plannerAnswerSchema } from "../engine/planner/answer-schema.ts";
import { planDrift, plannedOutcome } from "../engine/planner/drift.ts";
import { planFromModel } from "../engine/planner/plan-from-model.ts";
import { plannerPrompt } from "../engine/planner/prompt.ts";
import { requestDigest } from "../runtime/model/call.ts";
import type { ModelConfig } from "../runtime/model/config.ts";
import { askWithinBudget, type PlannerCallEnv } from "./planner-call.ts";

export type LiveReplayAnswer = { ok: true; live: LiveReplay } | { ok: false; code: "MODEL_NOT_CONFIGURED" | "NOT_MODEL_DRAFTED" };

export interface LiveReplayRequest {
  env: PlannerCallEnv;
  /** The model configured now; null: none. */
  model: ModelConfig | null;
  intent: Intent;
  executionId: string;
  /** The execution's recorded planner call; absent: its plan came from the grammar or structured steps. */
  drafted: PlanDraftedPayload | undefined;
  registry: ToolRegistry;
  /** Id of this call's token use (never the execution's own draft row) and when it is made. */
  useId: string;
  at: string;
}

/**
 * `replay --live`: asks the configured model again with the prompt rebuilt from the recorded intent, registry,
 * offered tools and thread turns (the recorded request digest shows whether it is the same prompt), and compares the plan its answer
 * would draft with the recorded answer's. Both answers only go through the pure planner; nothing runs, nothing is
 * written to the execution. The call counts against the tenant's daily token budget like any other.
 */
export async function liveReplay(request: LiveReplayRequest): Promise<LiveReplayAnswer> {
  const { model, drafted, intent, registry } = request;
  if (model === null) return { ok: false, code: "MODEL_NOT_CONFIGURED" };
  if (drafted === undefined) return { ok: false, code: "NOT_MODEL_DRAFTED" };
  const offered = drafted.offeredTools;
  const prompt = plannerPrompt(intent, registry, offered, drafted.thread?.turns ?? []);
  const schema = plannerAnswerSchema(registry, offered);
  const use = { id: request.useId, tenantId: intent.tenantId, executionId: request.executionId, purpose: "live_replay" as const, at: request.at };
  const called = await askWithinBudget(request.env, model, use, prompt, schema);
  const recorded = plannedOutcome(planFromModel(intent, registry, drafted.call, offered));
  const live = plannedOutcome(planFromModel(intent, registry, called.call, offered));
  const differences = called.call.outcome === "failed" ? [] : planDrift(recorded, live);
  return {
    ok: true,
    live: {
      model: { recorded: drafted.request.model, live: model.model },
      promptMatches: requestDigest(drafted.request, prompt, schema) === drafted.request.digest,
      outcome: called.call.outcome === "failed" ? "unanswered" : differences.length === 0 ? "same" : "drift",
      recorded,
      live,
      responseDigest: called.call.outcome === "answered" ? sha256Hex(called.call.raw) : null,
      differences: differences.slice(0, 100),
    },
  };
}
