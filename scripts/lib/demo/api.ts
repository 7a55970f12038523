import { arr, DemoError, expect, type Json, obj } from "./output.ts";

export interface DemoApi {
  base: string;
  call(method: string, path: string, key: string | undefined, body?: unknown): Promise<{ status: number; json: Json }>;
  /** `call`, failing the demo on anything but 2xx. */
  ok(method: string, path: string, key: string | undefined, body?: unknown): Promise<Json>;
  /** Polls `probe` until it returns a value (150 ms apart), failing the demo after `timeoutMs`. */
  until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
}

/** The control plane's HTTP API at `base`, as the demos call it. */
export function demoApi(base: string): DemoApi {
  async function call(method: string, path: string, key: string | undefined, body?: unknown): Promise<{ status: number; json: Json }> {
    const headers: Record<string, string> = {};
    if (key !== undefined) headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    let json: Json = {};
    try {
      json = obj(JSON.parse(text));
    } catch {
      json = { text };
    }
    return { status: res.status, json };
  }
  async function ok(method: string, path: string, key: string | undefined, body?: unknown): Promise<Json> {
    const res = await call(method, path, key, body);
    expect(res.status >= 200 && res.status < 300, `${method} ${path} answered ${res.status}: ${JSON.stringify(res.json)}`);
    return res.json;
  }
  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new DemoError(`timed out waiting for ${what}`);
  }
  return { base, call, ok, until };
}

/** The id of the first execution `key` lists, once there is one (the demos start one each). */
export function firstExecutionId(api: DemoApi, key: string): Promise<string> {
  return api.until("the execution to start", async () => {
    const first = obj(arr((await api.ok("GET", "/v1/executions", key)).items)[0]);
    return typeof first.executionId === "string" ? first.executionId : undefined;
  });
}
