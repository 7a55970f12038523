import { env } from "cloudflare:workers";
import type { SkillManifest, UnsignedSkillManifest } from "../../../contracts/skills/manifest.ts";
import type { TrustedPublisherKey } from "../../../contracts/skills/trust.ts";
import { sha256Hex } from "../../../engine/hash.ts";
import { toBase64 } from "../../../engine/skills/base64url.ts";
import { signManifest } from "../../../engine/skills/sign.ts";
import { type Admin, call } from "../../support/api.ts";
import type { TestKey } from "./keys.ts";
import { unsignedManifest } from "./manifests.ts";

const DAY = 86_400_000;

/** Validity around the real clock: the API checks against the time of the request, not a pinned `now`. */
export function liveWindow(): { issuedAt: string; expiresAt: string } {
  return { issuedAt: instant(Date.now() - DAY), expiresAt: instant(Date.now() + 30 * DAY) };
}

export function instant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export const bundleOf = (source: string): Uint8Array => new TextEncoder().encode(source);

/** A manifest for `bundle`, valid now, signed by `key`. */
export async function signedFor(key: TestKey, bundle: Uint8Array, overrides: Partial<UnsignedSkillManifest> = {}): Promise<SkillManifest> {
  const unsigned = unsignedManifest({
    ...liveWindow(),
    capabilities: [],
    egress: [],
    bundle: { sha256: sha256Hex(bundle), length: bundle.length },
    ...overrides,
  });
  return signManifest(unsigned, key.privateKey, key.keyId);
}

export async function trust(admin: Admin, key: TrustedPublisherKey): Promise<Response> {
  return call("POST", "/v1/trusted-keys", { key: admin.key, body: key });
}

export async function install(apiKey: string, manifest: unknown, bundle: Uint8Array): Promise<Response> {
  return call("POST", "/v1/skills", { key: apiKey, body: { manifest, bundle: toBase64(bundle) } });
}

export async function installed(apiKey: string, manifest: unknown, bundle: Uint8Array): Promise<{ skillId: string; tools: string[] }> {
  const res = await install(apiKey, manifest, bundle);
  if (res.status !== 201) throw new Error(`install failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { skill: { skillId: string; tools: string[] } }).skill;
}

export interface RegistryEvent {
  type: string;
  payload: Record<string, unknown>;
}

/** The tenant's skill registry trace, read through the API, with its chain verdict. */
export async function registryTrace(admin: Admin): Promise<{ events: RegistryEvent[]; valid: boolean }> {
  const res = await call("GET", `/v1/traces/sr_${admin.tenantId}?includePayloads=true&limit=200`, { key: admin.key });
  if (res.status !== 200) throw new Error(`trace failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { events: RegistryEvent[]; chain: { valid: boolean } };
  return { events: body.events, valid: body.chain.valid };
}

/** Replaces the stored bytes of a bundle, as someone with write access to the bucket could. */
export async function swapBundle(sha256: string, bytes: Uint8Array): Promise<void> {
  await env.SKILLS.put(`bundles/sha256/${sha256}`, bytes);
}
