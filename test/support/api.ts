import { exports } from "cloudflare:workers";
import { type BindingRequest, type BindOptions, type ConfirmedBinding, confirmBinding } from "./confirm-binding.ts";
import { testSecrets } from "./test-secrets.ts";

export const BOOTSTRAP_TOKEN = testSecrets.ADMIN_BOOTSTRAP_TOKEN;

export interface CallOptions {
  key?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the Worker under test the way an operator would. */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  return exports.default.fetch(`http://cp.test${path}`, { method, headers, body });
}

export interface Admin {
  tenantId: string;
  key: string;
  keyId: string;
  principalId: string;
}

/** Bootstraps a tenant and returns its admin key; each test file's storage is isolated. */
export async function bootstrap(tenantId: string): Promise<Admin> {
  const res = await call("POST", "/v1/bootstrap", { key: BOOTSTRAP_TOKEN, body: { tenantId } });
  if (res.status !== 201) throw new Error(`bootstrap failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { key: string; keyId: string; principalId: string };
  return { tenantId, key: body.key, keyId: body.keyId, principalId: body.principalId };
}

export async function createKey(admin: Admin, capabilities: string[], extra: Record<string, unknown> = {}) {
  const res = await call("POST", "/v1/keys", { key: admin.key, body: { name: "test", capabilities, ...extra } });
  if (res.status !== 201) throw new Error(`key create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { key: string; keyId: string; principalId: string };
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

export async function problem(res: Response): Promise<Problem> {
  if (!res.headers.get("content-type")?.startsWith("application/problem+json")) {
    throw new Error(`expected problem+json, got ${res.headers.get("content-type")}: ${await res.text()}`);
  }
  return (await res.json()) as Problem;
}

/** Creates a channel binding and confirms it from inside the channel (see confirm-binding.ts), in the Worker under test. */
export function bindChannel(admin: Admin, request: BindingRequest, options: BindOptions = {}): Promise<ConfirmedBinding> {
  return confirmBinding((path, init) => exports.default.fetch(`http://cp.test${path}`, init), admin.key, request, testSecrets, options);
}

/** Which tenant's admin holds each channel this test file bound. */
const holders = new Map<string, Admin>();

/** Test files share one Worker and empty its storage between them (test/setup/fresh-runtime.ts): bindings are gone. */
export function forgetBoundChannels(): void {
  holders.clear();
}

/**
 * Confirms (once per tenant and channel in a test file) the binding an API intent's reply target needs:
 * replies and approval notices of API intents go only to confirmed bindings of the tenant. A channel another
 * tenant of the file holds is handed over as an operator would: that tenant deletes its binding first.
 */
export async function ensureBound(admin: Admin, request: BindingRequest): Promise<void> {
  const channel = `${request.provider}\n${request.externalId}`;
  const holder = holders.get(channel);
  if (holder?.tenantId === admin.tenantId) return;
  if (holder !== undefined) {
    const res = await call("DELETE", `/v1/channel-bindings/${request.provider}/${encodeURIComponent(request.externalId)}`, { key: holder.key });
    if (res.status !== 200) throw new Error(`handing over ${channel}: ${res.status} ${await res.text()}`);
  }
  await bindChannel(admin, request);
  holders.set(channel, admin);
}
