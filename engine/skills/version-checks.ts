import semver from "semver";
import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import type { RevocationList } from "../../contracts/skills/trust.ts";
import { fail, pass, type CheckOutcome } from "./outcome.ts";

/** semver equality ignores build metadata, so `1.2.0+rebuild` cannot dodge a revocation of `1.2.0`. */
export function checkVersionRevoked(manifest: SkillManifest, revocations: RevocationList): CheckOutcome {
  const revoked = revocations.revokedVersions.find((entry) => entry.skill === manifest.skill && semver.eq(entry.version, manifest.version));
  if (revoked !== undefined) {
    return fail("VERSION_REVOKED", `${manifest.skill}@${revoked.version} was revoked: ${revoked.reason}`);
  }
  return pass(`${manifest.skill}@${manifest.version} is not revoked`);
}

/** No rollback: an equal version is refused too, since it could carry different code under the same name. */
export function checkVersionOrder(manifest: SkillManifest, installedVersion: string | undefined): CheckOutcome {
  if (installedVersion === undefined) return pass(`${manifest.skill} is not installed yet`);
  if (semver.valid(installedVersion) === null) {
    return fail("DOWNGRADE", `the installed version ${JSON.stringify(installedVersion)} is not semver; refusing to compare`);
  }
  if (!semver.gt(manifest.version, installedVersion)) {
    return fail("DOWNGRADE", `${manifest.version} is not newer than the installed ${installedVersion}`);
  }
  return pass(`${manifest.version} is newer than the installed ${installedVersion}`);
}

export function checkRuntimeCompatibility(manifest: SkillManifest, runtimeVersion: string): CheckOutcome {
  const range = manifest.compatibility.runtime;
  if (semver.valid(runtimeVersion) === null) {
    return fail("RUNTIME_INCOMPATIBLE", `the runtime version ${JSON.stringify(runtimeVersion)} is not semver`);
  }
  if (!semver.satisfies(runtimeVersion, range)) {
    return fail("RUNTIME_INCOMPATIBLE", `runtime ${runtimeVersion} is outside the supported range ${range}`);
  }
  return pass(`runtime ${runtimeVersion} satisfies ${range}`);
}
