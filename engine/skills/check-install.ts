import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import {
  SkillCheckName,
  type SkillCheckEntry,
  type SkillCheckFailure,
  type SkillCheckReport,
} from "../../contracts/skills/report.ts";
import type { RevocationList, TrustStore, TrustedPublisherKey } from "../../contracts/skills/trust.ts";
import { fromBase64Url } from "./base64url.ts";
import { checkBundleDigest, checkBundleLength } from "./bundle.ts";
import { checkCapabilities } from "./capabilities.ts";
import { checkKeyNamespace, checkKeyRevoked, checkKeyValidity, findKey } from "./key-checks.ts";
import { fail, pass, skipped, toEntry, type CheckOutcome } from "./outcome.ts";
import { checkSchemaVersion, parseManifest } from "./shape-checks.ts";
import { checkManifestValidity } from "./validity.ts";
import { verifyManifestSignature } from "./verify-signature.ts";
import { checkRuntimeCompatibility, checkVersionOrder, checkVersionRevoked } from "./version-checks.ts";

export interface SkillCheckInput {
  /** The manifest exactly as received (parsed JSON, not yet trusted in any way). */
  manifest: unknown;
  bundle: Uint8Array;
  trustStore: TrustStore;
  revocations: RevocationList;
  /** The tenant's installed version of this skill, if any. */
  installedVersion?: string | undefined;
  /** The skill runtime contract version (contracts/skills/runtime.ts). */
  runtimeVersion: string;
  /** Capability keys the tenant's grants and policy allow a skill to require. */
  grants: Iterable<string>;
  now: Date;
}

/** On success the verified, typed manifest comes back, so install never re-reads the untrusted input. */
export type InstallDecision =
  | { ok: true; checks: SkillCheckEntry[]; manifest: SkillManifest }
  | { ok: false; checks: SkillCheckEntry[]; firstFailure: SkillCheckFailure };

/** Runs every check in the fixed order of `SkillCheckName` and installs nothing; fail-closed. */
export async function checkInstall(input: SkillCheckInput): Promise<InstallDecision> {
  const { checks, verified } = await runChecks(input);
  const firstFailure = firstFailureOf(checks);
  if (firstFailure !== undefined) return { ok: false, checks, firstFailure };
  // Every check must have passed; a skipped one would mean a path above left something unchecked.
  if (verified === undefined || !checks.every((check) => check.ok)) {
    throw new Error("skill checks ended with neither a failure nor a full pass");
  }
  return { ok: true, checks, manifest: verified };
}

/**
 * The report `skill.verify` returns. Without a bundle the two bundle checks are skipped and do not
 * count against `ok`; install always requires the bundle.
 */
export async function verifySkill(input: Omit<SkillCheckInput, "bundle"> & { bundle?: Uint8Array | undefined }): Promise<SkillCheckReport> {
  const { checks } = await runChecks(input);
  const firstFailure = firstFailureOf(checks);
  return firstFailure === undefined ? { ok: true, checks } : { ok: false, checks, firstFailure };
}

function firstFailureOf(checks: SkillCheckEntry[]): SkillCheckFailure | undefined {
  for (const check of checks) {
    if (check.outcome === "fail" && check.code !== undefined) return { name: check.name, code: check.code, detail: check.detail };
  }
  return undefined;
}

async function runChecks(
  input: Omit<SkillCheckInput, "bundle"> & { bundle?: Uint8Array | undefined },
): Promise<{ checks: SkillCheckEntry[]; verified?: SkillManifest }> {
  if (!Number.isFinite(input.now.getTime())) throw new TypeError("checkInstall needs a valid `now`");
  const results = new Map<SkillCheckName, CheckOutcome>();

  const schema = checkSchemaVersion(input.manifest);
  results.set("schema_version", schema);
  const parsed = schema.outcome === "pass" ? parseManifest(input.manifest) : undefined;
  results.set("manifest", parsed?.outcome ?? skipped("not checked: the schema version is not known"));
  const manifest = parsed?.manifest;

  const lookup = manifest === undefined ? undefined : findKey(input.trustStore, manifest.signature.keyId);
  results.set("key_known", lookup?.outcome ?? skipped("not checked: no valid manifest"));
  const key = lookup?.key;

  const signature = manifest !== undefined && key !== undefined ? await checkSignature(manifest, key) : undefined;
  results.set("signature", signature ?? skipped(`not checked: ${manifest === undefined ? "no valid manifest" : "no trusted key"}`));
  // Past this point, manifest fields are read only from a manifest whose signature verified.
  const verified = signature?.outcome === "pass" ? manifest : undefined;

  // Key facts come from the trust store, not the manifest, so they are reported even when the signature fails.
  const noKey = skipped(`not checked: ${manifest === undefined ? "no valid manifest" : "no trusted key"}`);
  results.set("key_validity", key === undefined ? noKey : checkKeyValidity(key, input.now));
  results.set("key_revoked", key === undefined ? noKey : checkKeyRevoked(key, input.revocations));

  if (verified === undefined || key === undefined) {
    const reason = key === undefined ? noKey.detail : "not checked: the signature did not verify";
    for (const name of SkillCheckName.options) if (!results.has(name)) results.set(name, skipped(reason));
  } else {
    results.set("key_namespace", checkKeyNamespace(key, verified.publisher, verified.skill));
    results.set("version_revoked", checkVersionRevoked(verified, input.revocations));
    results.set("manifest_validity", checkManifestValidity(verified, input.now));
    setBundleChecks(results, verified, input.bundle);
    results.set("version_order", checkVersionOrder(verified, input.installedVersion));
    results.set("runtime_compatibility", checkRuntimeCompatibility(verified, input.runtimeVersion));
    results.set("capabilities", checkCapabilities(verified, input.grants));
  }

  const checks = SkillCheckName.options.map((name) => toEntry(name, results.get(name) ?? skipped("not checked")));
  return verified === undefined ? { checks } : { checks, verified };
}

async function checkSignature(manifest: SkillManifest, key: TrustedPublisherKey): Promise<CheckOutcome> {
  const publicKey = fromBase64Url(key.publicKey);
  if (publicKey === undefined) return fail("SIGNATURE_INVALID", `trusted key ${key.keyId} has a malformed public key`);
  if (!(await verifyManifestSignature(manifest, publicKey))) {
    return fail("SIGNATURE_INVALID", `the signature does not verify with key ${key.keyId}`);
  }
  return pass(`ed25519 signature verifies with key ${key.keyId}`);
}

function setBundleChecks(results: Map<SkillCheckName, CheckOutcome>, manifest: SkillManifest, bundle: Uint8Array | undefined): void {
  if (bundle === undefined) {
    results.set("bundle_length", skipped("not checked: no bundle given"));
    results.set("bundle_digest", skipped("not checked: no bundle given"));
    return;
  }
  const length = checkBundleLength(manifest.bundle, bundle);
  results.set("bundle_length", length);
  results.set("bundle_digest", length.outcome === "pass" ? checkBundleDigest(manifest.bundle, bundle) : skipped("not hashed: the length does not match"));
}
