/**
 * Runaway guards at the door: Workers Rate Limiting bindings (`ratelimits` in wrangler.jsonc), counted
 * per tenant and per API key. The binding answers only yes or no; its windows are at most 60 s, so
 * `Retry-After: 60` is always long enough. A deployment without a binding is not limited by it.
 */
export const RETRY_AFTER_SECONDS = 60;

/** The part of the `RateLimit` binding used here. */
export interface Limiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** One counter to consult: which binding, under which key, and what a refusal names. */
export interface LimitCheck {
  limiter: Limiter | undefined;
  key: string;
  scope: "tenant" | "key";
}

/**
 * Consults the checks in order and stops at the first refusal, so a request refused for its key does not
 * also use up its tenant's allowance. Answers the scope that refused, or undefined when all allow.
 */
export async function firstRefusal(checks: readonly LimitCheck[]): Promise<LimitCheck["scope"] | undefined> {
  for (const check of checks) {
    if (check.limiter === undefined) continue;
    const { success } = await check.limiter.limit({ key: check.key });
    if (!success) return check.scope;
  }
  return undefined;
}
