import type { JsonSchema } from "../contracts/json-schema.ts";
import type { PlannerPrompt } from "../engine/planner/prompt.ts";
import { callPlannerModel, type ModelCallRecord, unaskedRecord } from "../runtime/model/call.ts";
import type { ModelConfig } from "../runtime/model/config.ts";
import { checkTokenBudget, dailyTokenBudget, recordTokenUse, type TokenUse } from "../runtime/model/token-budget.ts";
import { tokensOf } from "../runtime/model/token-budget.ts";
import { log } from "../runtime/log.ts";

export interface PlannerCallEnv {
  DB: D1Database;
  MODEL_DAILY_TOKEN_BUDGET?: string;
}

/**
 * One call to the planner's model within the tenant's daily token budget: over it, the model is not asked
 * (recorded as MODEL_BUDGET_EXHAUSTED); otherwise the tokens the call reported are added to the tenant's day
 * under `use.id` (an execution's draft, or a live replay).
 */
export async function askWithinBudget(
  env: PlannerCallEnv,
  model: ModelConfig,
  use: Omit<TokenUse, "tokens" | "model">,
  prompt: PlannerPrompt,
  schema: JsonSchema,
): Promise<ModelCallRecord> {
  const budget = await checkTokenBudget(env.DB, dailyTokenBudget(env), use.tenantId, use.at);
  if (!budget.ok) {
    const message = `the tenant's daily model token budget (${budget.budget}) is used up (${budget.used} today); the model was not asked`;
    return unaskedRecord(model, prompt, schema, { outcome: "failed", code: "MODEL_BUDGET_EXHAUSTED", message });
  }
  const called = await callPlannerModel(model, prompt, schema);
  const spent: TokenUse = { ...use, model: model.model, tokens: tokensOf(called.usage) };
  await recordTokenUse(env.DB, spent).catch((error: unknown) => log.error("model token use not recorded", { ...spent, error: String(error) }));
  return called;
}
