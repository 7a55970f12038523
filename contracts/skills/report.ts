import { z } from "zod";

/**
 * The checks install and verify run, always all of them and always in this order. Key lookup comes
 * before the signature because the signature can only be checked with the key it names.
 */
export const SkillCheckName = z.enum([
  "schema_version",
  "manifest",
  "key_known",
  "signature",
  "key_validity",
  "key_namespace",
  "key_revoked",
  "version_revoked",
  "manifest_validity",
  "bundle_length",
  "bundle_digest",
  "version_order",
  "runtime_compatibility",
  "capabilities",
]);
export type SkillCheckName = z.infer<typeof SkillCheckName>;

export const SkillCheckCode = z.enum([
  "SCHEMA_VERSION_UNKNOWN",
  "MANIFEST_INVALID",
  "KEY_UNKNOWN",
  "SIGNATURE_INVALID",
  "KEY_NOT_YET_VALID",
  "KEY_EXPIRED",
  "KEY_NAMESPACE_MISMATCH",
  "KEY_REVOKED",
  "VERSION_REVOKED",
  "MANIFEST_NOT_YET_VALID",
  "MANIFEST_EXPIRED",
  "BUNDLE_LENGTH_MISMATCH",
  "BUNDLE_DIGEST_MISMATCH",
  "DOWNGRADE",
  "RUNTIME_INCOMPATIBLE",
  "CAPABILITY_NOT_GRANTED",
]);
export type SkillCheckCode = z.infer<typeof SkillCheckCode>;

/** When each code is returned; the install and verify contracts declare their errors from this. */
export const SKILL_CHECK_CODES: Record<SkillCheckCode, { check: SkillCheckName; when: string }> = {
  SCHEMA_VERSION_UNKNOWN: { check: "schema_version", when: "The manifest names a schemaVersion this runtime does not read, or none." },
  MANIFEST_INVALID: { check: "manifest", when: "The manifest is not an object or does not match the manifest schema." },
  KEY_UNKNOWN: { check: "key_known", when: "No key in the tenant's trust store has the manifest's signature.keyId." },
  SIGNATURE_INVALID: { check: "signature", when: "The signature does not verify over the canonical manifest with the named key." },
  KEY_NOT_YET_VALID: { check: "key_validity", when: "The signing key's notBefore is still in the future." },
  KEY_EXPIRED: { check: "key_validity", when: "The signing key's notAfter has passed." },
  KEY_NAMESPACE_MISMATCH: { check: "key_namespace", when: "The key is trusted for another publisher than the skill's." },
  KEY_REVOKED: { check: "key_revoked", when: "The signing key is on the tenant's revocation list." },
  VERSION_REVOKED: { check: "version_revoked", when: "This skill version is on the tenant's revocation list." },
  MANIFEST_NOT_YET_VALID: { check: "manifest_validity", when: "The manifest's issuedAt is in the future (beyond the allowed clock skew)." },
  MANIFEST_EXPIRED: { check: "manifest_validity", when: "The manifest's expiresAt has passed." },
  BUNDLE_LENGTH_MISMATCH: { check: "bundle_length", when: "The bundle's length differs from the manifest's bundle.length." },
  BUNDLE_DIGEST_MISMATCH: { check: "bundle_digest", when: "The bundle's SHA-256 differs from the manifest's bundle.sha256." },
  DOWNGRADE: { check: "version_order", when: "The version is not strictly newer than the installed one (equal is refused too)." },
  RUNTIME_INCOMPATIBLE: { check: "runtime_compatibility", when: "The runtime contract version is outside the manifest's compatibility range." },
  CAPABILITY_NOT_GRANTED: { check: "capabilities", when: "The tenant's grants do not allow a capability the skill requires." },
};

/**
 * One check's outcome. `skipped` means an earlier failure left nothing trustworthy to check
 * (for instance no verified signature); a skipped check never counts as passed.
 */
export const SkillCheckEntry = z.strictObject({
  name: SkillCheckName,
  outcome: z.enum(["pass", "fail", "skipped"]),
  ok: z.boolean().describe("true exactly when outcome is `pass`"),
  code: SkillCheckCode.optional().describe("Present exactly when outcome is `fail`"),
  detail: z.string().max(2000),
});
export type SkillCheckEntry = z.infer<typeof SkillCheckEntry>;

export const SkillCheckFailure = z.strictObject({ name: SkillCheckName, code: SkillCheckCode, detail: z.string().max(2000) });
export type SkillCheckFailure = z.infer<typeof SkillCheckFailure>;

/** The full report `skill.verify` returns and `skill.install` acts on. `ok` only when every check passed. */
export const SkillCheckReport = z.strictObject({
  ok: z.boolean(),
  checks: z.array(SkillCheckEntry),
  firstFailure: SkillCheckFailure.optional(),
});
export type SkillCheckReport = z.infer<typeof SkillCheckReport>;
