import { finalFailure, retryableFailure, type ToolFailure } from "../outcome.ts";
import { readBoundedBody } from "../../http/body.ts";
import { parseRetryAfter } from "./retry-after.ts";
import type { Transport } from "./transport.ts";

/** A provider's answer with the body parsed as JSON when it is JSON, else as text. */
export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** What a provider said went wrong, read from its own error format. */
export interface ProviderError {
  /** The provider's own code (`channel_not_found`, `131030`, `21211`); the HTTP status when it has none. */
  code: string;
  message?: string;
  /** Set when the provider reports throttling or a transient fault outside the 429/5xx statuses. */
  kind?: "rate_limited" | "unavailable";
  retryAfterMs?: number;
}

export interface Provider {
  /** Prefix of the provider's failure codes, e.g. `SLACK`. */
  name: string;
  readError(answer: Answer, now: number): ProviderError;
}

export type Sent = { ok: true; answer: Answer } | ToolFailure;

export interface OutboundRequest {
  url: string;
  method: "GET" | "POST" | "PATCH";
  headers: Record<string, string>;
  body?: string;
}

// Provider answers are small; anything near this is a fault, not data.
const maxAnswerBytes = 1024 * 1024;

/**
 * Sends one request and sorts the answer: 2xx is the caller's to read; 429, 5xx and network faults are
 * retryable; other statuses are final with the provider's code. Redirects are not followed, so the
 * provider token never travels to another host.
 */
export async function send(transport: Transport, provider: Provider, request: OutboundRequest): Promise<Sent> {
  const signal = AbortSignal.timeout(transport.timeoutMs);
  try {
    const response = await transport.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: "manual",
      signal,
    });
    const read = await readBoundedBody(response, maxAnswerBytes);
    if (!read.ok) return finalFailure("RESPONSE_TOO_LARGE", `${provider.name.toLowerCase()} answered more than ${maxAnswerBytes} bytes`);
    const answer: Answer = { status: response.status, headers: response.headers, body: parseBody(read.bytes) };
    if (response.status >= 200 && response.status < 300) return { ok: true, answer };
    return statusFailure(provider, answer, transport.now());
  } catch (error) {
    if (signal.aborted) return retryableFailure("TIMEOUT", `${provider.name.toLowerCase()} did not answer within ${transport.timeoutMs} ms`);
    return retryableFailure("NETWORK_ERROR", `${provider.name.toLowerCase()} unreachable: ${describe(error)}`);
  }
}

function statusFailure(provider: Provider, answer: Answer, now: number): ToolFailure {
  const { status } = answer;
  if (status >= 300 && status < 400) {
    return finalFailure("UNEXPECTED_REDIRECT", `${provider.name.toLowerCase()} answered ${status}; redirects are not followed`);
  }
  const error = provider.readError(answer, now);
  const retryAfterMs = error.retryAfterMs ?? parseRetryAfter(answer.headers.get("retry-after"), now);
  const kind = status === 429 ? "rate_limited" : status >= 500 ? "unavailable" : error.kind;
  return providerFailure(provider, { ...error, ...(kind === undefined ? {} : { kind }) }, retryAfterMs, status);
}

/** Also used for errors reported inside a 200 (Slack's `ok: false`). */
export function providerFailure(provider: Provider, error: ProviderError, retryAfterMs: number | undefined, status: number): ToolFailure {
  const message = `${provider.name.toLowerCase()} answered ${status} ${error.code}${error.message === undefined ? "" : `: ${truncate(error.message)}`}`;
  switch (error.kind) {
    case "rate_limited":
      return retryableFailure("RATE_LIMITED", message, retryAfterMs);
    case "unavailable":
      return retryableFailure("UPSTREAM_UNAVAILABLE", message, retryAfterMs);
    case undefined:
      return finalFailure(`${provider.name}_${upperSnake(error.code)}`, message);
  }
}

/** Upper snake case of a provider's code: `channel_not_found` → `CHANNEL_NOT_FOUND`. */
export function upperSnake(code: string): string {
  const snake = code.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "").toUpperCase().slice(0, 64);
  return snake === "" ? "UNKNOWN" : snake;
}

function parseBody(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function truncate(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
