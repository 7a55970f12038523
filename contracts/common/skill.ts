import { z } from "zod";
import { MAX_BUNDLE_BYTES, SkillManifest } from "../skills/manifest.ts";
import { EgressHost, PublisherId, PublisherKeyId, SemVer, SkillKey } from "../skills/names.ts";
import { CapabilityKey, Digest, SkillId, Timestamp } from "./ids.ts";

export const SkillStatus = z.enum(["active", "disabled"]);
export type SkillStatus = z.infer<typeof SkillStatus>;

/** An installed skill version as callers see it. */
export const SkillView = z.strictObject({
  skillId: SkillId,
  skill: SkillKey,
  publisher: PublisherId,
  version: SemVer,
  status: SkillStatus,
  manifestDigest: Digest.describe("SHA-256 of the canonical signed manifest"),
  bundleDigest: Digest,
  signingKeyId: PublisherKeyId.describe("Publisher key that signed the manifest"),
  tools: z.array(z.string()).describe("Tool keys the skill provides, `<publisher>/<skill>/<tool>`"),
  capabilities: z.array(CapabilityKey).describe("Capabilities the skill requires"),
  egress: z.array(EgressHost).describe("Hosts the skill may reach through the egress gateway"),
  installedAt: Timestamp,
  expiresAt: Timestamp.describe("When the manifest stops being valid for new installs"),
  disabledAt: Timestamp.nullable(),
});
export type SkillView = z.infer<typeof SkillView>;

const maxBundleBase64 = Math.ceil(MAX_BUNDLE_BYTES / 3) * 4;

export const SkillBundle = z
  .base64()
  .max(maxBundleBase64)
  .describe("The code bundle, base64-encoded; its SHA-256 and length must match `manifest.bundle`");

export const skillInstallFields = {
  manifest: SkillManifest.describe("The signed manifest, exactly as the publisher signed it"),
  bundle: SkillBundle,
};
