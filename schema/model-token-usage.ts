import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Tokens the planner's model spent, one row per call that was made: an execution's draft (id = the
 * execution id) or an operator's live replay (`live:<uuid>`). The per-tenant daily budget
 * (MODEL_DAILY_TOKEN_BUDGET) sums a tenant's rows of one UTC day; written by runtime/model/token-budget.ts.
 */
export const modelTokenUsage = sqliteTable(
  "model_token_usage",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    executionId: text("execution_id").notNull(),
    purpose: text("purpose", { enum: ["draft", "live_replay"] }).notNull(),
    /** UTC date (YYYY-MM-DD) the call was made on: the budget's day. */
    day: text("day").notNull(),
    /**
     * Total tokens the provider reported (input plus output when it reports no total; 0 when it reports none); while
     * the call is in flight, its reservation (runtime/model/token-budget.ts).
     */
    tokens: integer("tokens").notNull(),
    model: text("model").notNull(),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [index("model_token_usage_tenant_day_idx").on(t.tenantId, t.day)],
);
