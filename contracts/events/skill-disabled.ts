import { z } from "zod";
import { SkillView } from "../common/skill.ts";
import { defineEvent } from "../define.ts";

export const SkillDisabledPayload = z.strictObject({
  skillId: SkillView.shape.skillId,
  skill: SkillView.shape.skill,
  version: SkillView.shape.version,
  reason: z.string().max(1000).nullable(),
});
export type SkillDisabledPayload = z.infer<typeof SkillDisabledPayload>;

export const skillDisabled = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.skill.disabled",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills", "trace"],
    description: "An installed skill was disabled; its tools no longer run.",
    goal: "Records when and why a skill was taken out of service, for incident review.",
    context:
      "Steps using the skill's tools that have not started fail with SKILL_DISABLED; plans that use them are " +
      "rejected from now on. Disabling is not uninstalling: the record and bundle stay for audit and replay.",
  },
  payload: SkillDisabledPayload,
});
