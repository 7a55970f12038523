import { httpRequest } from "../../contracts/tools/http-request.ts";
import { defineAdapter } from "./adapter.ts";
import type { HttpToolConfig } from "../../runtime/tools/config.ts";
import { checkTarget } from "./http-target.ts";
import { finalFailure, retryableFailure, succeeded, type ToolFailure, type ToolOutcome } from "../../runtime/tools/outcome.ts";
import { parseRetryAfter } from "../../runtime/tools/providers/retry-after.ts";
import type { Transport } from "../../runtime/tools/providers/transport.ts";
import { readBoundedBody } from "../../runtime/http/body.ts";

// Headers the runtime owns: framing and routing belong to fetch, and the idempotency key to the step.
const reservedHeaders = new Set([
  "host",
  "content-length",
  "connection",
  "transfer-encoding",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "proxy-authorization",
  "proxy-connection",
  "idempotency-key",
]);

const maxRedirects = 5;

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

interface Output {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends the step's idempotency key as `Idempotency-Key`; only targets that implement it honour it.
 * Redirects are followed here, never by fetch (see `nextHop`): each hop is checked like the first.
 */
export const httpRequestAdapter = defineAdapter({
  tool: httpRequest,
  needs: () => [],
  async run({ input, context, config, transport }) {
    const reserved = Object.keys(input.headers ?? {}).filter((name) => reservedHeaders.has(name.toLowerCase()));
    if (reserved.length > 0) return finalFailure("INPUT_INVALID", `headers set by the runtime cannot be given: ${reserved.join(", ")}`);
    if (input.body !== undefined && (input.method === "GET" || input.method === "HEAD")) {
      return finalFailure("INPUT_INVALID", `a ${input.method} request cannot carry a body`);
    }
    const headers = new Headers(input.headers);
    headers.set("idempotency-key", context.idempotencyKey);
    return request({ url: new URL(input.url), method: input.method, headers, body: input.body }, config.http, transport);
  },
});

interface Hop {
  url: URL;
  method: Method;
  headers: Headers;
  body: string | undefined;
}

async function request(first: Hop, config: HttpToolConfig, transport: Transport): Promise<ToolOutcome<Output>> {
  const signal = AbortSignal.timeout(transport.timeoutMs);
  let hop = first;
  try {
    for (let redirects = 0; ; redirects += 1) {
      const refused = checkTarget(hop.url, config);
      if (refused !== undefined) return refused;
      const response = await transport.fetch(hop.url.href, {
        method: hop.method,
        headers: hop.headers,
        ...(hop.body === undefined ? {} : { body: hop.body }),
        redirect: "manual",
        signal,
      });
      const next = nextHop(hop, response);
      if (next === undefined) return await answer(response, config, transport.now());
      await response.body?.cancel();
      if ("code" in next) return next;
      if (redirects >= maxRedirects) return finalFailure("TOO_MANY_REDIRECTS", `more than ${maxRedirects} redirects`);
      hop = next;
    }
  } catch (error) {
    if (signal.aborted) return retryableFailure("TIMEOUT", `no answer within ${transport.timeoutMs} ms`);
    return retryableFailure("NETWORK_ERROR", `request failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The hop a redirect asks for, or undefined when the answer is not a redirect. The next hop goes through
 * `checkTarget` again (allowlist, port, private addresses); https never continues over http; and on another
 * origin only the headers in `crossOriginHeaders` travel on, so credentials (Authorization, Cookie, API-key
 * headers of any name) stay with the origin they were given for.
 */
function nextHop(hop: Hop, response: Response): Hop | ToolFailure | undefined {
  const location = response.headers.get("location");
  if (![301, 302, 303, 307, 308].includes(response.status) || location === null || !URL.canParse(location, hop.url)) return undefined;
  const url = new URL(location, hop.url);
  if (hop.url.protocol === "https:" && url.protocol !== "https:") {
    return finalFailure("REDIRECT_DOWNGRADE", `${hop.url.host} redirected from https to ${url.protocol}`);
  }
  const headers = url.origin === hop.url.origin ? new Headers(hop.headers) : onlyHeaders(hop.headers, crossOriginHeaders);
  // As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
  const toGet = response.status === 303 ? hop.method !== "HEAD" : response.status <= 302 && hop.method === "POST";
  if (!toGet) return { ...hop, url, headers };
  headers.delete("content-type");
  return { url, method: "GET", headers, body: undefined };
}

// What a request may carry to another origin; everything else (credentials above all) is dropped.
const crossOriginHeaders = new Set(["accept", "accept-language", "content-type", "user-agent", "idempotency-key"]);

function onlyHeaders(headers: Headers, names: ReadonlySet<string>): Headers {
  return new Headers([...headers].filter(([name]) => names.has(name.toLowerCase())));
}

async function answer(response: Response, config: HttpToolConfig, now: number): Promise<ToolOutcome<Output>> {
  const { status } = response;
  if (status === 429 || status >= 500) {
    await response.body?.cancel();
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now);
    return status === 429
      ? retryableFailure("RATE_LIMITED", "the target answered 429", retryAfterMs)
      : retryableFailure("UPSTREAM_UNAVAILABLE", `the target answered ${status}`, retryAfterMs);
  }
  if (status >= 400) {
    await response.body?.cancel();
    return finalFailure(`HTTP_${status}`, `the target answered ${status}`);
  }
  const body = await readBoundedBody(response, config.maxResponseBytes);
  if (!body.ok) return finalFailure("RESPONSE_TOO_LARGE", `the answer exceeds ${config.maxResponseBytes} bytes`);
  return succeeded({
    status,
    headers: Object.fromEntries(response.headers),
    body: new TextDecoder().decode(body.bytes),
  });
}
