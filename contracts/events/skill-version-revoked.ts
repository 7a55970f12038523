import { z } from "zod";
import { DisabledSkills } from "../common/trusted-key.ts";
import { defineEvent } from "../define.ts";
import { RevokedVersion } from "../skills/trust.ts";

export const SkillVersionRevokedPayload = z.strictObject({ ...RevokedVersion.shape, disabledSkills: DisabledSkills });
export type SkillVersionRevokedPayload = z.infer<typeof SkillVersionRevokedPayload>;

export const skillVersionRevoked = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.skillVersion.revoked",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills", "trust", "trace"],
    description: "A skill version was withdrawn from the tenant.",
    goal: "Records that a release may no longer install or run, and why.",
    context: "On the tenant's skill registry trace; an installed copy's disabling follows as controlPlane.skill.disabled.",
  },
  payload: SkillVersionRevokedPayload,
});
