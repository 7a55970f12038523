/**
 * What a tool call came to. The executor (and replay) records it as is: `retryable` decides whether the
 * step is tried again, `retryAfterMs` (from a provider's Retry-After) is the earliest that makes sense.
 */
export type ToolOutcome<O = unknown> = ToolSuccess<O> | ToolFailure;

export interface ToolSuccess<O = unknown> {
  ok: true;
  output: O;
}

export interface ToolFailure {
  ok: false;
  retryable: boolean;
  /** Stable upper-snake code: generic (`RATE_LIMITED`, `NETWORK_ERROR`, …) or the provider's (`SLACK_CHANNEL_NOT_FOUND`). */
  code: string;
  message: string;
  retryAfterMs?: number;
}

export function succeeded<O>(output: O): ToolSuccess<O> {
  return { ok: true, output };
}

export function finalFailure(code: string, message: string): ToolFailure {
  return { ok: false, retryable: false, code, message };
}

export function retryableFailure(code: string, message: string, retryAfterMs?: number): ToolFailure {
  return retryAfterMs === undefined
    ? { ok: false, retryable: true, code, message }
    : { ok: false, retryable: true, code, message, retryAfterMs };
}
