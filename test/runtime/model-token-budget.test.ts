import { describe, expect, it } from "vitest";
import { ModelConfigError } from "../../runtime/model/config.ts";
import { budgetDay, dailyTokenBudget, tokensOf } from "../../runtime/model/token-budget.ts";

describe("MODEL_DAILY_TOKEN_BUDGET", () => {
  it("is unlimited when unset or empty, a whole number otherwise", () => {
    expect(dailyTokenBudget({})).toBeNull();
    expect(dailyTokenBudget({ MODEL_DAILY_TOKEN_BUDGET: " " })).toBeNull();
    expect(dailyTokenBudget({ MODEL_DAILY_TOKEN_BUDGET: "250000" })).toBe(250_000);
    expect(dailyTokenBudget({ MODEL_DAILY_TOKEN_BUDGET: "0" })).toBe(0);
  });

  it("refuses a value that is no whole number of tokens (the planner then stays off, closed)", () => {
    for (const bad of ["-1", "1.5", "lots", "1e400"]) expect(() => dailyTokenBudget({ MODEL_DAILY_TOKEN_BUDGET: bad })).toThrow(ModelConfigError);
  });

  it("counts a call's total, else input plus output, else nothing; by UTC day", () => {
    expect(tokensOf({ inputTokens: 1, outputTokens: 2, totalTokens: 10 })).toBe(10);
    expect(tokensOf({ inputTokens: 1, outputTokens: 2, totalTokens: null })).toBe(3);
    expect(tokensOf({ inputTokens: null, outputTokens: null, totalTokens: null })).toBe(0);
    expect(budgetDay("2026-12-04T23:59:59.999Z")).toBe("2026-12-04");
  });
});
