import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import { fail, pass, type CheckOutcome } from "./outcome.ts";

/**
 * issuedAt is stamped by the publisher's clock just before publishing; this much lead over ours is
 * tolerated so a fresh manifest is not refused for skew. expiresAt gets no tolerance.
 */
export const MANIFEST_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Written as "pass only inside the window" so an unparseable instant (NaN) refuses instead of passing. */
export function checkManifestValidity(manifest: Pick<SkillManifest, "issuedAt" | "expiresAt">, now: Date): CheckOutcome {
  if (!(now.getTime() + MANIFEST_CLOCK_SKEW_MS >= Date.parse(manifest.issuedAt))) {
    return fail("MANIFEST_NOT_YET_VALID", `the manifest was issued at ${manifest.issuedAt}, which is in the future`);
  }
  if (!(now.getTime() < Date.parse(manifest.expiresAt))) {
    return fail("MANIFEST_EXPIRED", `the manifest expired at ${manifest.expiresAt}`);
  }
  return pass(`issued ${manifest.issuedAt}, expires ${manifest.expiresAt}`);
}
