import type { SkillManifest, UnsignedSkillManifest } from "../../../contracts/skills/manifest.ts";
import type { SkillCheckInput } from "../../../engine/skills/check-install.ts";
import { sha256Hex } from "../../../engine/hash.ts";
import { signManifest } from "../../../engine/skills/sign.ts";
import { testKey, type TestKey } from "./keys.ts";

export const BUNDLE = new TextEncoder().encode('export default { fetch() { return Response.json({ ok: true }); } };\n');
export const ISSUED_AT = "2026-06-01T00:00:00Z";
export const EXPIRES_AT = "2026-09-01T00:00:00Z";
/** A day after issue: inside every validity window the fixtures set up. */
export const NOW = new Date("2026-06-02T00:00:00Z");

export function unsignedManifest(overrides: Partial<UnsignedSkillManifest> = {}): UnsignedSkillManifest {
  return {
    schemaVersion: 1,
    skill: "acme/echo",
    version: "1.2.0",
    publisher: "acme",
    description: "Echoes its input.",
    tools: [
      {
        name: "echo",
        description: "Answer with the given text.",
        input: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
        output: { type: "object", properties: { text: { type: "string" } } },
        risk: "low",
        sideEffect: "none",
        idempotency: "natural",
      },
    ],
    capabilities: ["control-plane.core"],
    egress: ["api.example.com", "*.cdn.example.net"],
    compatibility: { runtime: "^1.0.0" },
    bundle: { sha256: sha256Hex(BUNDLE), length: BUNDLE.length },
    issuedAt: ISSUED_AT,
    expiresAt: EXPIRES_AT,
    ...overrides,
  };
}

export interface Fixture {
  acme: TestKey;
  globex: TestKey;
  manifest: SkillManifest;
  input: SkillCheckInput;
}

/** A manifest signed by acme's key, and install input under which every check passes. */
export async function fixture(overrides: Partial<UnsignedSkillManifest> = {}): Promise<Fixture> {
  const acme = await testKey(1, "acme");
  const globex = await testKey(2, "globex");
  const manifest = await signManifest(unsignedManifest(overrides), acme.privateKey, acme.keyId);
  return {
    acme,
    globex,
    manifest,
    input: {
      manifest,
      bundle: BUNDLE,
      trustStore: { keys: [acme.trusted, globex.trusted] },
      revocations: { revokedKeys: [], revokedVersions: [] },
      runtimeVersion: "1.0.0",
      grants: ["control-plane.core", "control-plane.audit"],
      now: NOW,
    },
  };
}

/** A deep copy with one change, as an attacker editing the JSON would make. */
export function edited(manifest: SkillManifest, edit: (copy: SkillManifest) => void): SkillManifest {
  const copy = structuredClone(manifest);
  edit(copy);
  return copy;
}
