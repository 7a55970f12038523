import { z } from "zod";

/** About 24.8 days: any delay beyond is a provider or configuration error, and keeps dates in range. */
export const MAX_DELAY_MS = 2_147_483_647;

export const RetryConfig = z.object({
  /** Delay after the first failed attempt. */
  baseDelayMs: z.number().int().min(0).max(MAX_DELAY_MS),
  /** Each further failure multiplies the delay by this. */
  factor: z.number().min(1),
  /** Attempts in total, the first included; 1 means never retry. */
  maxAttempts: z.number().int().min(1),
  /** Cap on the computed delay; a provider's larger Retry-After still wins. */
  maxDelayMs: z.number().int().min(0).max(MAX_DELAY_MS),
});
export type RetryConfig = z.infer<typeof RetryConfig>;

/** Fixed at start and kept in the state, so a config change never alters a running or replayed execution. */
export const ExecutionConfig = z.object({
  retry: RetryConfig,
  /** Tool calls in flight at once; ready steps beyond it wait for a slot. */
  maxInFlight: z.number().int().min(1),
});
export type ExecutionConfig = z.infer<typeof ExecutionConfig>;

export const DEFAULT_EXECUTION_CONFIG: ExecutionConfig = {
  retry: { baseDelayMs: 1_000, factor: 2, maxAttempts: 5, maxDelayMs: 300_000 },
  maxInFlight: 16,
};
