/** The planner's model, from configuration; null (no MODEL_PROVIDER) means no model: only the grammar reads text. */
export type ModelConfig =
  | { provider: "workers-ai"; model: string; timeoutMs: number; binding: Ai }
  | { provider: "openai-compatible"; model: string; timeoutMs: number; baseUrl: string; apiKey: string | null };

export interface ModelEnv {
  MODEL_PROVIDER?: string;
  MODEL_NAME?: string;
  MODEL_BASE_URL?: string;
  MODEL_API_KEY?: string;
  MODEL_TIMEOUT_MS?: string;
  MODEL_DAILY_TOKEN_BUDGET?: string;
  AI?: Ai;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_WORKERS_AI_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

export class ModelConfigError extends Error {
  override readonly name = "ModelConfigError";
}

/** Throws ModelConfigError for a configuration that names a provider but cannot reach it. */
export function modelConfigFromEnv(env: ModelEnv): ModelConfig | null {
  const provider = env.MODEL_PROVIDER?.trim() ?? "";
  if (provider === "") return null;
  const timeoutMs = env.MODEL_TIMEOUT_MS === undefined || env.MODEL_TIMEOUT_MS === "" ? DEFAULT_TIMEOUT_MS : Number(env.MODEL_TIMEOUT_MS);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new ModelConfigError(`MODEL_TIMEOUT_MS must be a positive integer, not ${env.MODEL_TIMEOUT_MS}`);
  if (provider === "workers-ai") {
    if (env.AI === undefined) throw new ModelConfigError("MODEL_PROVIDER=workers-ai needs an `ai` binding named AI");
    return { provider, model: env.MODEL_NAME || DEFAULT_WORKERS_AI_MODEL, timeoutMs, binding: env.AI };
  }
  if (provider === "openai-compatible") {
    if (!env.MODEL_BASE_URL) throw new ModelConfigError("MODEL_PROVIDER=openai-compatible needs MODEL_BASE_URL");
    if (!env.MODEL_NAME) throw new ModelConfigError("MODEL_PROVIDER=openai-compatible needs MODEL_NAME");
    return { provider, model: env.MODEL_NAME, timeoutMs, baseUrl: env.MODEL_BASE_URL, apiKey: env.MODEL_API_KEY || null };
  }
  throw new ModelConfigError(`MODEL_PROVIDER must be workers-ai or openai-compatible, not ${provider}`);
}
