import { z } from "zod";
import { SkillBundle } from "../common/skill.ts";
import { Digest } from "../common/ids.ts";
import { defineOperation } from "../define.ts";
import { SkillCheckReport } from "../skills/report.ts";

export const SkillVerifyInput = z.strictObject({
  manifest: z
    .record(z.string(), z.unknown())
    .describe("A signed manifest; one that does not match the manifest schema is reported by the checks, not refused"),
  bundle: SkillBundle.optional().describe("The bundle, base64; without it the bundle checks are skipped"),
});
export type SkillVerifyInput = z.infer<typeof SkillVerifyInput>;

export const SkillVerifyOutput = z.strictObject({
  ...SkillCheckReport.shape,
  manifestDigest: Digest.describe("SHA-256 of the canonical manifest as received"),
});
export type SkillVerifyOutput = z.infer<typeof SkillVerifyOutput>;

export const skillVerify = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.skill.verify",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills"],
    description: "Run every install check on a signed skill without installing it.",
    goal: "Lets publishers and operators see why a skill would be refused before trying to install it.",
    context:
      "Stateless: nothing is stored or traced. A failing check is a normal answer (`ok: false`), not an error, and " +
      "every check is reported, skipped ones included. Checks that depend on tenant state (trusted keys, " +
      "revocations, installed versions, grants) use the state at the time of the call, so install may still refuse later.",
  },
  input: SkillVerifyInput,
  output: SkillVerifyOutput,
  errors: [],
  capability: "control-plane.skill-registry",
  http: { method: "POST", path: "/v1/skills/verify" },
  emits: [],
});
