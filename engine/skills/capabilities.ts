import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import { fail, pass, type CheckOutcome } from "./outcome.ts";

export function checkCapabilities(manifest: SkillManifest, grants: Iterable<string>): CheckOutcome {
  const granted = new Set(grants);
  const missing = manifest.capabilities.filter((capability) => !granted.has(capability));
  if (missing.length > 0) return fail("CAPABILITY_NOT_GRANTED", `the tenant does not grant ${missing.join(", ")}`);
  if (manifest.capabilities.length === 0) return pass("the skill requires no capabilities");
  return pass(`granted: ${manifest.capabilities.join(", ")}`);
}
