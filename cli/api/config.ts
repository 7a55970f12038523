export interface ApiConfig {
  baseUrl: string;
  apiKey: string;
}

export type ApiConfigResult = { ok: true; config: ApiConfig } | { ok: false; error: string };

/** Where the URL and key may come from, strongest first: flags, then environment, then the config file. */
export interface ConfigSources {
  flags?: { url?: string | undefined; key?: string | undefined };
  env: Record<string, string | undefined>;
  file?: { url?: string | undefined; key?: string | undefined } | undefined;
}

function firstSet(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value !== "");
}

/** The server's base URL, checked: http(s), and https unless it points at this machine. */
export function baseUrlFrom(url: string): { ok: true; baseUrl: string } | { ok: false; error: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: `CPLANE_URL is not a URL: ${url}` };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return { ok: false, error: `CPLANE_URL must be http(s): ${url}` };
  // A key or token must not cross the network in clear text except to this machine.
  if (parsed.protocol === "http:" && !["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname)) {
    return { ok: false, error: `CPLANE_URL must use https unless it points at this machine: ${url}` };
  }
  return { ok: true, baseUrl: parsed.href.replace(/\/+$/, "") };
}

/** Resolves `CPLANE_URL` and `CPLANE_KEY` (or `--url`/`--key`, or the config file's `url`/`key`). */
export function resolveApiConfig(sources: ConfigSources): ApiConfigResult {
  const url = firstSet(sources.flags?.url, sources.env.CPLANE_URL, sources.file?.url);
  const apiKey = firstSet(sources.flags?.key, sources.env.CPLANE_KEY, sources.file?.key);
  if (url === undefined || apiKey === undefined) {
    const missing = [url === undefined ? "CPLANE_URL" : undefined, apiKey === undefined ? "CPLANE_KEY" : undefined].filter((n) => n !== undefined);
    return { ok: false, error: `set ${missing.join(" and ")} (the server's base URL and an API key), pass --url/--key, or write them to the config file` };
  }
  const base = baseUrlFrom(url);
  return base.ok ? { ok: true, config: { baseUrl: base.baseUrl, apiKey } } : base;
}

/** Kept for `skills publish`: environment only, with an optional URL override. */
export function apiConfigFrom(env: Record<string, string | undefined>, urlOverride?: string): ApiConfigResult {
  return resolveApiConfig({ flags: { url: urlOverride }, env });
}
