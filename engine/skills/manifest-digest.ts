import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import { digestOf } from "../hash.ts";

/** Identity of a signed manifest, signature included: two installs of the same bytes share it. */
export function manifestDigest(manifest: SkillManifest): string {
  return digestOf(manifest);
}
