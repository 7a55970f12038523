import type { Env } from "../env.ts";
import { firstRefusal, RETRY_AFTER_SECONDS } from "../rate-limits.ts";
import type { Caller } from "./caller.ts";
import { ProblemError } from "./problem.ts";

/**
 * Intent submission and execution start count against the caller's API key (INTENT_KEY_LIMIT), then its
 * tenant (INTENT_TENANT_LIMIT); over either, 429 RATE_LIMITED with `Retry-After`, before anything is recorded.
 */
export async function enforceRateLimit(env: Env, caller: Caller): Promise<void> {
  const refused = await firstRefusal([
    { limiter: env.INTENT_KEY_LIMIT, key: `key:${caller.keyId}`, scope: "key" },
    { limiter: env.INTENT_TENANT_LIMIT, key: `tenant:${caller.tenantId}`, scope: "tenant" },
  ]);
  if (refused === undefined) return;
  throw new ProblemError(
    429,
    "RATE_LIMITED",
    `This ${refused === "key" ? "API key" : "tenant"} sent more intents than its rate limit allows; retry after ${RETRY_AFTER_SECONDS} seconds.`,
    undefined,
    { "retry-after": String(RETRY_AFTER_SECONDS) },
  );
}
