export interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: string;
  redirect: string;
  signal: AbortSignal;
}

export type Responder = (request: Recorded) => Response | Promise<Response>;

/** A `fetch` that records every request and lets the test answer in the provider's place. */
export function fakeFetch(respond: Responder): { fetch: typeof fetch; requests: Recorded[] } {
  const requests: Recorded[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const recorded: Recorded = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: new TextDecoder().decode(await request.arrayBuffer()),
      redirect: init?.redirect ?? request.redirect,
      signal: request.signal,
    };
    requests.push(recorded);
    return respond(recorded);
  };
  return { fetch, requests };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** Fails like a dropped connection does. */
export const networkDown: Responder = () => {
  throw new TypeError("Network connection lost.");
};

/** Never answers; settles only when the request is aborted. */
export const hangs: Responder = (request) =>
  new Promise<Response>((_, reject) => {
    request.signal.addEventListener("abort", () => reject(request.signal.reason));
  });
