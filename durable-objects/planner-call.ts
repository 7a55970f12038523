import type { JsonSchema } from "../contracts/json-schema.ts";
import type { PlannerPrompt } from "../engine/planner/prompt.ts";
import { callPlannerModel, type ModelCallRecord, unaskedRecord } from "../runtime/model/call.ts";
import type { ModelConfig } from "../runtime/model/config.ts";
import { dailyTokenBudget, reservationFor, reserveTokens, settleTokenUse, type TokenUse, tokensOf } from "../runtime/model/token-budget.ts";
import { log } from "../runtime/log.ts";

export interface PlannerCallEnv {
  DB: D1Database;
  MODEL_DAILY_TOKEN_BUDGET?: string;
}

/**
 * One call to the planner's model within the tenant's daily token budget: over it, the model is not asked
 * (recorded as MODEL_BUDGET_EXHAUSTED); otherwise the call's reservation is held on the tenant's day under `use.id`
 * (an execution's draft, or a live replay) while it runs, then settled to the tokens it reported.
 */
export async function askWithinBudget(
  env: PlannerCallEnv,
  model: ModelConfig,
  use: Omit<TokenUse, "tokens" | "model">,
  prompt: PlannerPrompt,
  schema: JsonSchema,
): Promise<ModelCallRecord> {
  const reservation = await reserveTokens(env.DB, dailyTokenBudget(env), { ...use, model: model.model, tokens: reservationFor(prompt, schema) });
  if (!reservation.ok) {
    const message = `the tenant's daily model token budget (${reservation.budget}) is used up (${reservation.used} today, calls in flight included); the model was not asked`;
    return unaskedRecord(model, prompt, schema, { outcome: "failed", code: "MODEL_BUDGET_EXHAUSTED", message });
  }
  const called = await callPlannerModel(model, prompt, schema);
  const spent: TokenUse = { ...use, model: model.model, tokens: tokensOf(called.usage) };
  await settleTokenUse(env.DB, spent, reservation.reserved).catch((error: unknown) => log.error("model token use not settled", { ...spent, reserved: reservation.reserved, error: String(error) }));
  return called;
}
