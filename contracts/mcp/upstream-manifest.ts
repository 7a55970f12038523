import { z } from "zod";
import { Timestamp } from "../common/ids.ts";
import { ManifestSignature } from "../skills/manifest.ts";
import { PublisherId, SemVer } from "../skills/names.ts";
import { RiskTier, SideEffectClass } from "../tools/define.ts";

export const UPSTREAM_MANIFEST_SCHEMA_VERSION = 1;

/** The `<server>` of `mcp.<server>.<tool>` tool keys. */
export const UpstreamServerName = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "lower-case letters, digits and `-`, starting with a letter");
export const UpstreamToolName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, `_` and `-`");

/**
 * One upstream tool as the publisher pins it: name, description and input schema exactly as the upstream's
 * `tools/list` answers them (their digest is compared before every call), plus the risk tier and side-effect
 * class the publisher assigns. No risk means `high`.
 */
export const UpstreamTool = z.strictObject({
  name: UpstreamToolName,
  description: z.string().max(4000).describe("Exactly the upstream's description (empty when it lists none)"),
  inputSchema: z.record(z.string(), z.unknown()).refine((s) => s.type === "object", "the input schema must have `type: \"object\"`"),
  risk: RiskTier.optional().describe("Default risk before policy looks at the arguments; absent means high"),
  sideEffect: SideEffectClass,
});
export type UpstreamTool = z.infer<typeof UpstreamTool>;

const unsignedShape = {
  schemaVersion: z.literal(UPSTREAM_MANIFEST_SCHEMA_VERSION),
  server: UpstreamServerName,
  publisher: PublisherId.describe("The namespace of the key that signs; a trusted key signs only its own publisher's manifests"),
  version: SemVer.describe("A server is replaced only by a newer manifest version"),
  tools: z.array(UpstreamTool).min(1).max(100),
  issuedAt: Timestamp,
  expiresAt: Timestamp,
};

function consistency(manifest: { tools: { name: string }[]; issuedAt: string; expiresAt: string }, ctx: z.RefinementCtx): void {
  manifest.tools.forEach((tool, i) => {
    if (manifest.tools.findIndex((t) => t.name === tool.name) !== i) ctx.addIssue({ code: "custom", path: ["tools", i, "name"], message: "duplicate tool name" });
  });
  if (!(Date.parse(manifest.expiresAt) > Date.parse(manifest.issuedAt))) ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "expiresAt must be after issuedAt" });
}

export const UnsignedUpstreamManifest = z.strictObject(unsignedShape).superRefine(consistency);
export type UnsignedUpstreamManifest = z.infer<typeof UnsignedUpstreamManifest>;

/** Signed like a skill manifest: Ed25519 over the canonical JSON of the whole object without `signature.value`. */
export const UpstreamManifest = z.strictObject({ ...unsignedShape, signature: ManifestSignature }).superRefine(consistency);
export type UpstreamManifest = z.infer<typeof UpstreamManifest>;
