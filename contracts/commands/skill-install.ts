import { z } from "zod";
import { skillInstallFields, SkillView } from "../common/skill.ts";
import { type DeclaredError, defineOperation } from "../define.ts";
import { SKILL_CHECK_CODES, SkillCheckEntry, type SkillCheckCode } from "../skills/report.ts";

export const SkillInstallInput = z.strictObject(skillInstallFields);
export type SkillInstallInput = z.infer<typeof SkillInstallInput>;

export const SkillInstallOutput = z.strictObject({
  skill: SkillView,
  checks: z.array(SkillCheckEntry).describe("Every check, in order; all passed"),
});
export type SkillInstallOutput = z.infer<typeof SkillInstallOutput>;

/** A manifest that fails these two never reaches the checks: the input schema refuses it (VALIDATION_FAILED). */
const answeredByValidation = new Set<SkillCheckCode>(["SCHEMA_VERSION_UNKNOWN", "MANIFEST_INVALID"]);

/** A failed check answers with its own code; a downgrade conflicts with installed state, the rest are unacceptable input. */
const checkErrors: DeclaredError[] = Object.entries(SKILL_CHECK_CODES)
  .filter(([code]) => !answeredByValidation.has(code as SkillCheckCode))
  .map(([code, { when }]) => ({ code, status: code === "DOWNGRADE" ? 409 : 422, when }));

export const skillInstall = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.skill.install",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills"],
    description: "Verify a signed skill and install its bundle, making its tools available to plans.",
    goal: "Admits third-party tools only when a trusted publisher signed exactly this code, for its namespace, now.",
    context:
      "Runs every check (key, signature, key validity and namespace, revocations, manifest validity, bundle length " +
      "and digest, version order, runtime compatibility, capabilities) and installs nothing unless all pass. A " +
      "failure answers with the code of the first failed check, the full report in the problem's errors, and is " +
      "traced as controlPlane.skill.rejected. The bundle is stored by digest and runs in an isolate whose only way " +
      "out is the egress gateway enforcing the manifest's hosts.",
  },
  input: SkillInstallInput,
  output: SkillInstallOutput,
  errors: checkErrors,
  capability: "control-plane.skill-registry",
  http: { method: "POST", path: "/v1/skills", successStatus: 201 },
  emits: ["controlPlane.skill.installed", "controlPlane.skill.rejected"],
});
