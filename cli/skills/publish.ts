import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import { toBase64 } from "../../engine/skills/base64url.ts";

/** The body of `POST /v1/skills` (controlPlane.skill.install): the signed manifest and the bundle in base64. */
export function publishBody(manifest: SkillManifest, bundle: Uint8Array): { manifest: SkillManifest; bundle: string } {
  return { manifest, bundle: toBase64(bundle) };
}
