import { z } from "zod";
import { DisabledSkills } from "../common/trusted-key.ts";
import { Timestamp } from "../common/ids.ts";
import { defineOperation } from "../define.ts";
import { RevokedVersion } from "../skills/trust.ts";

export const SkillVersionRevokeInput = RevokedVersion;
export type SkillVersionRevokeInput = z.infer<typeof SkillVersionRevokeInput>;

export const SkillVersionRevokeOutput = z.strictObject({
  revocation: z.strictObject({ ...RevokedVersion.shape, revokedAt: Timestamp }),
  disabledSkills: DisabledSkills,
});
export type SkillVersionRevokeOutput = z.infer<typeof SkillVersionRevokeOutput>;

export const skillVersionRevoke = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.skillVersion.revoke",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills", "trust"],
    description: "Withdraw one version of a skill: it no longer installs, and an installed copy is disabled.",
    goal: "Stops a known-bad release everywhere in the tenant without distrusting its publisher's key.",
    context:
      "Install refuses the version with VERSION_REVOKED (semver equality, so build metadata does not dodge it). An " +
      "installed, active copy is disabled and traced as controlPlane.skill.disabled. The skill need not be installed. " +
      "Idempotent: revoking a revoked version answers its first revocation.",
  },
  input: SkillVersionRevokeInput,
  output: SkillVersionRevokeOutput,
  errors: [],
  capability: "control-plane.skill-registry",
  http: { method: "POST", path: "/v1/skill-revocations", successStatus: 201 },
  emits: ["controlPlane.skillVersion.revoked", "controlPlane.skill.disabled"],
});
