import type { RetryConfig } from "./config.ts";

/**
 * Delay before the attempt after `failedAttempt` (1-based): base·factor^(n-1), capped at maxDelayMs,
 * unless the provider asked for longer. No jitter: the delay must replay exactly, and one execution's
 * retries are too few to stampede a provider.
 */
export function retryDelayMs(config: RetryConfig, failedAttempt: number, retryAfterMs?: number): number {
  const raw = config.baseDelayMs === 0 ? 0 : config.baseDelayMs * config.factor ** (failedAttempt - 1);
  const computed = Math.min(config.maxDelayMs, Math.round(raw));
  return retryAfterMs !== undefined && retryAfterMs > computed ? retryAfterMs : computed;
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
