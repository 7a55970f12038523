import { MANIFEST_SCHEMA_VERSION, SkillManifest } from "../../contracts/skills/manifest.ts";
import { fail, pass, type CheckOutcome } from "./outcome.ts";

/** Read before anything else: a manifest of an unknown format is refused, never parsed as if it were ours. */
export function checkSchemaVersion(raw: unknown): CheckOutcome {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return fail("MANIFEST_INVALID", "the manifest must be a JSON object");
  }
  const version: unknown = (raw as Record<string, unknown>).schemaVersion;
  if (version === MANIFEST_SCHEMA_VERSION) return pass(`schemaVersion ${MANIFEST_SCHEMA_VERSION}`);
  if (version === undefined) return fail("SCHEMA_VERSION_UNKNOWN", `the manifest has no schemaVersion; this runtime reads ${MANIFEST_SCHEMA_VERSION}`);
  return fail(
    "SCHEMA_VERSION_UNKNOWN",
    `schemaVersion ${JSON.stringify(version)} is not known; this runtime reads ${MANIFEST_SCHEMA_VERSION}`,
  );
}

export type ParsedManifest = { outcome: CheckOutcome; manifest?: SkillManifest };

export function parseManifest(raw: unknown): ParsedManifest {
  const parsed = SkillManifest.safeParse(raw);
  if (parsed.success) return { outcome: pass("matches the manifest schema"), manifest: parsed.data };
  const problems = parsed.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(manifest)"}: ${issue.message}`);
  const more = parsed.error.issues.length > 10 ? ` (and ${parsed.error.issues.length - 10} more)` : "";
  return { outcome: fail("MANIFEST_INVALID", `${problems.join("; ")}${more}`) };
}
