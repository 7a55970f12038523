import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { modelTokenUsage } from "../../schema/model-token-usage.ts";
import { ModelConfigError } from "./config.ts";
import type { ModelCallRecord } from "./call.ts";
import type { JsonSchema } from "../../contracts/json-schema.ts";
import type { PlannerPrompt } from "../../engine/planner/prompt.ts";

/**
 * The per-tenant daily token budget of the planner's model (MODEL_DAILY_TOKEN_BUDGET): null (unset or empty)
 * is unlimited. A call is let through only while the tokens the tenant's calls reported this UTC day plus the
 * reservations of its calls in flight are under the budget, checked and reserved in one D1 statement, so the
 * day passes the budget by at most the last call let through (when no call spends more than its reservation);
 * over it, the model is not asked and the grammar still works.
 */
export function dailyTokenBudget(env: { MODEL_DAILY_TOKEN_BUDGET?: string }): number | null {
  const raw = env.MODEL_DAILY_TOKEN_BUDGET?.trim() ?? "";
  if (raw === "") return null;
  const budget = Number(raw);
  if (!Number.isSafeInteger(budget) || budget < 0) throw new ModelConfigError(`MODEL_DAILY_TOKEN_BUDGET must be a whole number of tokens, not ${raw}`);
  return budget;
}

/** The UTC day of an ISO instant: the budget's period. */
export function budgetDay(at: string): string {
  return at.slice(0, 10);
}

/**
 * Room held for one call while it runs: its prompt and schema at three characters a token (tokenizers average three
 * to four on English and JSON, so this errs high) and room for the answer (a plan of a few steps is a few hundred).
 */
export function reservationFor(prompt: PlannerPrompt, schema: JsonSchema): number {
  return Math.ceil((prompt.system.length + prompt.prompt.length + JSON.stringify(schema).length) / 3) + ANSWER_RESERVATION_TOKENS;
}

const ANSWER_RESERVATION_TOKENS = 1_024;

export type Reservation = { ok: true; reserved: number } | { ok: false; used: number; budget: number };

/**
 * Reserves `use.tokens` on the call's row if the tenant's day (reported tokens and reservations of calls in flight)
 * is under `budget`: the check and the write are one statement, so calls that start together cannot all pass on
 * the same sum. Unlimited: nothing is reserved, settling records the call.
 */
export async function reserveTokens(d1: D1Database, budget: number | null, use: TokenUse): Promise<Reservation> {
  if (budget === null) return { ok: true, reserved: 0 };
  const day = budgetDay(use.at);
  const reserved = await d1
    .prepare(
      `INSERT INTO model_token_usage (id, tenant_id, execution_id, purpose, day, tokens, model, recorded_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
       WHERE (SELECT coalesce(sum(tokens), 0) FROM model_token_usage WHERE tenant_id = ?2 AND day = ?5) < ?9
       ON CONFLICT (id) DO UPDATE SET tokens = tokens + excluded.tokens, recorded_at = excluded.recorded_at
       RETURNING id`,
    )
    .bind(use.id, use.tenantId, use.executionId, use.purpose, day, use.tokens, use.model, use.at, budget)
    .first<{ id: string }>();
  if (reserved !== null) return { ok: true, reserved: use.tokens };
  const [row] = await drizzle(d1)
    .select({ used: sql<number>`coalesce(sum(${modelTokenUsage.tokens}), 0)` })
    .from(modelTokenUsage)
    .where(and(eq(modelTokenUsage.tenantId, use.tenantId), eq(modelTokenUsage.day, day)));
  return { ok: false, used: Number(row?.used ?? 0), budget };
}

/** Tokens one call reported: its total, else input plus output, else 0 (a call that failed before answering). */
export function tokensOf(usage: ModelCallRecord["usage"]): number {
  return usage.totalTokens ?? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}

export interface TokenUse {
  id: string;
  tenantId: string;
  executionId: string;
  purpose: "draft" | "live_replay";
  model: string;
  tokens: number;
  at: string;
}

/**
 * Replaces a call's reservation by the tokens it reported, on its row (a start that asked the model again after an
 * eviction spent twice). A call cut off before it settles keeps its reservation: the day is counted high, never low.
 */
export async function settleTokenUse(d1: D1Database, use: TokenUse, reserved: number): Promise<void> {
  await drizzle(d1)
    .insert(modelTokenUsage)
    .values({ id: use.id, tenantId: use.tenantId, executionId: use.executionId, purpose: use.purpose, day: budgetDay(use.at), tokens: use.tokens - reserved, model: use.model, recordedAt: use.at })
    .onConflictDoUpdate({ target: modelTokenUsage.id, set: { tokens: sql`${modelTokenUsage.tokens} + excluded.tokens`, model: use.model, recordedAt: use.at } });
}
