import { UnsignedSkillManifest } from "../../contracts/skills/manifest.ts";
import { sha256Hex } from "../../engine/hash.ts";
import { isoSeconds } from "./time.ts";

/** Fields `cplane skills sign` computes; a template may carry stale values for them, which are replaced. */
const FILLED = ["bundle", "issuedAt", "expiresAt", "signature"] as const;

export const MAX_TTL_DAYS = 730;

export type TemplateResult = { ok: true; manifest: UnsignedSkillManifest } | { ok: false; errors: string[] };

/** The unsigned manifest for a template and its bundle: bundle digest and length, issuedAt now, expiresAt now + ttl. */
export function buildUnsignedManifest(template: unknown, bundle: Uint8Array, now: Date, ttlDays: number): TemplateResult {
  if (typeof template !== "object" || template === null || Array.isArray(template)) {
    return { ok: false, errors: ["the manifest template must be a JSON object"] };
  }
  if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > MAX_TTL_DAYS) {
    return { ok: false, errors: [`--ttl-days must be a whole number from 1 to ${MAX_TTL_DAYS}`] };
  }
  const fields: Record<string, unknown> = { ...template };
  for (const name of FILLED) delete fields[name];
  const parsed = UnsignedSkillManifest.safeParse({
    ...fields,
    bundle: { sha256: sha256Hex(bundle), length: bundle.length },
    issuedAt: isoSeconds(now),
    expiresAt: isoSeconds(new Date(now.getTime() + ttlDays * 86_400_000)),
  });
  if (parsed.success) return { ok: true, manifest: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(manifest)"}: ${issue.message}`),
  };
}
