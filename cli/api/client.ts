import type { ApiConfig } from "./config.ts";

export type ApiAnswer =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status: number; body: unknown; text: string };

export interface ApiRequest {
  method: "GET" | "POST" | "DELETE";
  path: string;
  body?: unknown;
}

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** One JSON call to the operator API. Network failures throw; any HTTP answer is returned. */
export async function callApi(
  config: ApiConfig,
  request: ApiRequest,
  fetchFn: Fetch = fetch,
  timeoutMs = 60_000,
): Promise<ApiAnswer> {
  const response = await fetchFn(`${config.baseUrl}${request.path}`, {
    method: request.method,
    headers: {
      authorization: `Bearer ${config.apiKey}`,
      accept: "application/json, application/problem+json",
      ...(request.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  const body = parseJson(text);
  return response.ok ? { ok: true, status: response.status, body } : { ok: false, status: response.status, body, text };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
