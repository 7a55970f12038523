import { z } from "zod";
import { CapabilityKey, Digest, Timestamp } from "../common/ids.ts";
import { IdempotencySupport, RiskTier, SideEffectClass } from "../tools/define.ts";
import { SkillCheckName } from "./report.ts";
import {
  EgressHost,
  Ed25519Signature,
  PublisherId,
  PublisherKeyId,
  SemVer,
  SemVerRange,
  SkillKey,
  SkillName,
} from "./names.ts";

/** The manifest format this runtime reads. A manifest naming any other version is refused, never guessed at. */
export const MANIFEST_SCHEMA_VERSION = 1;

/** Worker Loader modules are bounded; anything larger is refused before it is hashed. */
export const MAX_BUNDLE_BYTES = 10 * 1024 * 1024;

const JsonSchema = z.record(z.string(), z.unknown());

/**
 * A tool contract (contracts/tools/define.ts) in serialisable form: the schemas are JSON Schema
 * (draft 2020-12) instead of zod, because a manifest is data signed by someone else.
 */
export const SkillTool = z.strictObject({
  name: SkillName.describe("Tool name; its key becomes `<publisher>/<skill>/<name>`"),
  description: z.string().min(1).max(1000),
  input: JsonSchema.refine((schema) => schema.type === "object", "the input schema must have `type: \"object\"`").describe(
    "JSON Schema of the tool input",
  ),
  output: JsonSchema.describe("JSON Schema of the tool output"),
  risk: RiskTier.describe("Default risk before policy looks at the arguments"),
  sideEffect: SideEffectClass,
  idempotency: IdempotencySupport,
});
export type SkillTool = z.infer<typeof SkillTool>;

export const SkillBundleRef = z.strictObject({
  sha256: Digest.describe("SHA-256 of the bundle bytes, lower-case hex"),
  length: z.number().int().min(1).max(MAX_BUNDLE_BYTES).describe("Bundle length in bytes"),
});
export type SkillBundleRef = z.infer<typeof SkillBundleRef>;

export const ManifestSignature = z.strictObject({
  keyId: PublisherKeyId.describe("Publisher key that signed; signed too, so it cannot be swapped"),
  alg: z.literal("ed25519"),
  value: Ed25519Signature.describe("Signature over the canonical manifest without `signature.value`"),
});
export type ManifestSignature = z.infer<typeof ManifestSignature>;

/*
 * No field has a default or a transform: the parsed manifest must be exactly the JSON that was
 * signed, so that verifying the parsed value verifies everything later code reads.
 */
const unsignedShape = {
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  skill: SkillKey,
  version: SemVer.describe("Skill version; a tenant only installs versions newer than the one it has"),
  publisher: PublisherId.describe("Must equal the `<publisher>` part of `skill`"),
  description: z.string().min(1).max(2000),
  tools: z.array(SkillTool).min(1).max(50),
  capabilities: z.array(CapabilityKey).max(50).describe("Capabilities the tenant's grants must allow"),
  egress: z.array(EgressHost).max(50).describe("Hosts the skill may reach through the egress gateway"),
  compatibility: z.strictObject({
    runtime: SemVerRange.describe("Skill runtime contract versions the bundle works with, e.g. `^1.0.0`"),
  }),
  bundle: SkillBundleRef,
  issuedAt: Timestamp,
  expiresAt: Timestamp.describe("From this instant the manifest no longer installs"),
};

interface Consistent {
  skill: string;
  publisher: string;
  tools: { name: string }[];
  capabilities: string[];
  egress: string[];
  issuedAt: string;
  expiresAt: string;
}

function consistency(manifest: Consistent, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  if (manifest.skill.split("/")[0] !== manifest.publisher) {
    issue(["skill"], `the skill key must start with the publisher \`${manifest.publisher}/\``);
  }
  duplicates(manifest.tools.map((tool) => tool.name)).forEach((i) => issue(["tools", i, "name"], "duplicate tool name"));
  duplicates(manifest.capabilities).forEach((i) => issue(["capabilities", i], "duplicate capability"));
  duplicates(manifest.egress).forEach((i) => issue(["egress", i], "duplicate host"));
  if (!(Date.parse(manifest.expiresAt) > Date.parse(manifest.issuedAt))) {
    issue(["expiresAt"], "expiresAt must be after issuedAt");
  }
}

function duplicates(values: string[]): number[] {
  return values.flatMap((value, i) => (values.indexOf(value) === i ? [] : [i]));
}

/** What a publisher fills in before signing. */
export const UnsignedSkillManifest = z.strictObject(unsignedShape).superRefine(consistency);
export type UnsignedSkillManifest = z.infer<typeof UnsignedSkillManifest>;

/**
 * A signed skill manifest. The signed bytes are the RFC 8785 canonical JSON of this whole object
 * with only `signature.value` removed, so `signature.keyId`, `issuedAt` and `expiresAt` are covered.
 */
export const SkillManifest = z.strictObject({ ...unsignedShape, signature: ManifestSignature }).superRefine(consistency);
export type SkillManifest = z.infer<typeof SkillManifest>;

/** @deprecated kept for contracts/skills/view.ts; use `SkillCheckName` from report.ts. */
export const SkillCheck = SkillCheckName;
export type SkillCheck = SkillCheckName;

/** @deprecated kept for contracts/skills/install-request.ts; the signature now lives inside the manifest. */
export const SignedSkillManifest = SkillManifest;
export type SignedSkillManifest = SkillManifest;
