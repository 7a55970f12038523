import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateText, type JSONSchema7, jsonSchema, type LanguageModel, NoObjectGeneratedError, Output } from "ai";
import { createWorkersAI } from "workers-ai-provider";
import type { JsonSchema } from "../../contracts/json-schema.ts";
import { digestOf } from "../../engine/hash.ts";
import type { PlannerPrompt } from "../../engine/planner/prompt.ts";
import type { DraftedCall } from "../../engine/planner/plan-from-model.ts";
import type { ModelConfig } from "./config.ts";

/** One retry after a retryable failure (429, 5xx, a dropped connection): the AI SDK's backoff, inside the timeout. */
const MAX_RETRIES = 1;
const TEMPERATURE = 0;

/** What `controlPlane.plan.drafted` records of one planner call, besides the intent it was for. */
export interface ModelCallRecord {
  call: DraftedCall;
  request: { digest: string; provider: ModelConfig["provider"]; model: string; parameters: { temperature: number; maxRetries: number; timeoutMs: number } };
  response: { modelId: string | null; finishReason: string | null };
  usage: { inputTokens: number | null; outputTokens: number | null; totalTokens: number | null };
  latencyMs: number;
}

/**
 * Asks the configured model for a planner answer, constrained by `schema` (the provider's structured output),
 * and returns the raw text it answered, unvalidated: engine/planner reads it, the same way replay does. Never
 * throws: a timeout or an unreachable provider is a recorded failure the execution answers.
 */
export async function callPlannerModel(config: ModelConfig, prompt: PlannerPrompt, schema: JsonSchema, clock: () => number = Date.now): Promise<ModelCallRecord> {
  const request = plannerRequest(config, prompt, schema);
  const signal = AbortSignal.timeout(config.timeoutMs);
  const started = clock();
  const record = (call: DraftedCall, meta: Partial<Pick<ModelCallRecord, "response" | "usage">> = {}): ModelCallRecord => ({
    call,
    request,
    response: meta.response ?? { modelId: null, finishReason: null },
    usage: meta.usage ?? { inputTokens: null, outputTokens: null, totalTokens: null },
    latencyMs: clock() - started,
  });
  try {
    const result = await generateText({
      model: languageModel(config),
      system: prompt.system,
      prompt: prompt.prompt,
      temperature: TEMPERATURE,
      maxRetries: MAX_RETRIES,
      abortSignal: signal,
      // Strict mode (OpenAI's) refuses optional tool arguments and a root `anyOf`; the schema still guides decoding,
      // and read-answer.ts validates the answer against it either way.
      providerOptions: { openaiCompatible: { strictJsonSchema: false } },
      // No `validate`: the answer is only parsed here; engine/planner/read-answer.ts validates it against the schema.
      output: Output.object({ schema: jsonSchema<unknown>(schema as JSONSchema7), name: "planner_answer" }),
    });
    return record({ outcome: "answered", raw: result.text }, {
      response: { modelId: result.response.modelId, finishReason: result.finishReason },
      usage: { inputTokens: result.usage.inputTokens ?? null, outputTokens: result.usage.outputTokens ?? null, totalTokens: result.usage.totalTokens ?? null },
    });
  } catch (error) {
    if (NoObjectGeneratedError.isInstance(error)) {
      // The model answered, but not with JSON: recorded as answered, so the engine reports MODEL_OUTPUT_INVALID.
      return record({ outcome: "answered", raw: error.text ?? "" }, {
        response: { modelId: error.response?.modelId ?? null, finishReason: error.finishReason ?? null },
        usage: { inputTokens: error.usage?.inputTokens ?? null, outputTokens: error.usage?.outputTokens ?? null, totalTokens: error.usage?.totalTokens ?? null },
      });
    }
    if (signal.aborted) return record({ outcome: "failed", code: "MODEL_TIMEOUT", message: `no answer within ${config.timeoutMs} ms` });
    return record({ outcome: "failed", code: "MODEL_UNAVAILABLE", message: (error instanceof Error ? error.message : String(error)).slice(0, 500) });
  }
}

/** What a call to `config`'s model with this prompt and schema asks, and its digest (recorded in plan.drafted). */
export function plannerRequest(config: ModelConfig, prompt: PlannerPrompt, schema: JsonSchema): ModelCallRecord["request"] {
  const parameters = { temperature: TEMPERATURE, maxRetries: MAX_RETRIES, timeoutMs: config.timeoutMs };
  return { digest: requestDigest({ provider: config.provider, model: config.model, parameters }, prompt, schema), provider: config.provider, model: config.model, parameters };
}

/** The request digest: what replay --live recomputes from the recorded inputs to show it asks the same. */
export function requestDigest(request: Pick<ModelCallRecord["request"], "provider" | "model" | "parameters">, prompt: PlannerPrompt, schema: JsonSchema): string {
  return digestOf({ provider: request.provider, model: request.model, prompt, schema, parameters: request.parameters });
}

/** The record of a call that was not made (the tenant's token budget is used up): nothing answered, nothing spent. */
export function unaskedRecord(config: ModelConfig, prompt: PlannerPrompt, schema: JsonSchema, call: Extract<DraftedCall, { outcome: "failed" }>): ModelCallRecord {
  return {
    call,
    request: plannerRequest(config, prompt, schema),
    response: { modelId: null, finishReason: null },
    usage: { inputTokens: null, outputTokens: null, totalTokens: null },
    latencyMs: 0,
  };
}

function languageModel(config: ModelConfig): LanguageModel {
  if (config.provider === "workers-ai") return createWorkersAI({ binding: config.binding })(config.model);
  const provider = createOpenAICompatible({
    name: "model",
    baseURL: config.baseUrl,
    ...(config.apiKey === null ? {} : { apiKey: config.apiKey }),
    supportsStructuredOutputs: true,
  });
  return provider.chatModel(config.model);
}
