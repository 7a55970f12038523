import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { modelTokenUsage } from "../../schema/model-token-usage.ts";
import { ModelConfigError } from "./config.ts";
import type { ModelCallRecord } from "./call.ts";

/**
 * The per-tenant daily token budget of the planner's model (MODEL_DAILY_TOKEN_BUDGET): null (unset or empty)
 * is unlimited. Checked before each call against the tokens the tenant's calls reported this UTC day, so calls
 * that start together may pass it by their own size; over it, the model is not asked and the grammar still works.
 */
export function dailyTokenBudget(env: { MODEL_DAILY_TOKEN_BUDGET?: string }): number | null {
  const raw = env.MODEL_DAILY_TOKEN_BUDGET?.trim() ?? "";
  if (raw === "") return null;
  const budget = Number(raw);
  if (!Number.isSafeInteger(budget) || budget < 0) throw new ModelConfigError(`MODEL_DAILY_TOKEN_BUDGET must be a whole number of tokens, not ${raw}`);
  return budget;
}

export type BudgetCheck = { ok: true } | { ok: false; used: number; budget: number };

/** The UTC day of an ISO instant: the budget's period. */
export function budgetDay(at: string): string {
  return at.slice(0, 10);
}

export async function checkTokenBudget(d1: D1Database, budget: number | null, tenantId: string, at: string): Promise<BudgetCheck> {
  if (budget === null) return { ok: true };
  const [row] = await drizzle(d1)
    .select({ used: sql<number>`coalesce(sum(${modelTokenUsage.tokens}), 0)` })
    .from(modelTokenUsage)
    .where(and(eq(modelTokenUsage.tenantId, tenantId), eq(modelTokenUsage.day, budgetDay(at))));
  const used = Number(row?.used ?? 0);
  return used < budget ? { ok: true } : { ok: false, used, budget };
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

/** Adds a call's tokens to its row (a start that asked the model again after an eviction spent twice). */
export async function recordTokenUse(d1: D1Database, use: TokenUse): Promise<void> {
  await drizzle(d1)
    .insert(modelTokenUsage)
    .values({ id: use.id, tenantId: use.tenantId, executionId: use.executionId, purpose: use.purpose, day: budgetDay(use.at), tokens: use.tokens, model: use.model, recordedAt: use.at })
    .onConflictDoUpdate({ target: modelTokenUsage.id, set: { tokens: sql`${modelTokenUsage.tokens} + excluded.tokens`, recordedAt: use.at } });
}
