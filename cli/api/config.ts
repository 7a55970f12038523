export interface ApiConfig {
  baseUrl: string;
  apiKey: string;
}

export type ApiConfigResult = { ok: true; config: ApiConfig } | { ok: false; error: string };

/** `CPLANE_URL` (e.g. `http://127.0.0.1:8787`) and `CPLANE_KEY` (an API key with the needed capability). */
export function apiConfigFrom(env: Record<string, string | undefined>, urlOverride?: string): ApiConfigResult {
  const url = urlOverride ?? env.CPLANE_URL;
  const apiKey = env.CPLANE_KEY;
  const missing = [url === undefined || url === "" ? "CPLANE_URL" : undefined, apiKey === undefined || apiKey === "" ? "CPLANE_KEY" : undefined].filter(
    (name) => name !== undefined,
  );
  if (url === undefined || apiKey === undefined || missing.length > 0) {
    return { ok: false, error: `set ${missing.join(" and ")} (the server's base URL and an API key)` };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: `CPLANE_URL is not a URL: ${url}` };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return { ok: false, error: `CPLANE_URL must be http(s): ${url}` };
  // An API key must not cross the network in clear text except to this machine.
  if (parsed.protocol === "http:" && !["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname)) {
    return { ok: false, error: `CPLANE_URL must use https unless it points at this machine: ${url}` };
  }
  return { ok: true, config: { baseUrl: parsed.href.replace(/\/+$/, ""), apiKey } };
}
