import { z } from "zod";
import { skillNotFound } from "../common/errors.ts";
import { SkillId } from "../common/ids.ts";
import { defineOperation } from "../define.ts";
import { SkillView } from "../common/skill.ts";

export const SkillDisableInput = z.strictObject({
  skillId: SkillId,
  reason: z.string().max(1000).optional().describe("Recorded in the trace"),
});
export type SkillDisableInput = z.infer<typeof SkillDisableInput>;

export const SkillDisableOutput = SkillView;
export type SkillDisableOutput = z.infer<typeof SkillDisableOutput>;

export const skillDisable = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.skill.disable",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills"],
    description: "Take an installed skill out of service.",
    goal: "Lets operators stop a misbehaving or compromised skill immediately, without losing its audit record.",
    context:
      "Steps using the skill's tools that have not started fail with SKILL_DISABLED; steps in flight finish. New " +
      "plans using its tools are rejected. Idempotent: disabling a disabled skill answers its current state and " +
      "emits nothing.",
  },
  input: SkillDisableInput,
  output: SkillDisableOutput,
  errors: [skillNotFound],
  capability: "control-plane.skill-registry",
  http: { method: "POST", path: "/v1/skills/{skillId}/disable" },
  emits: ["controlPlane.skill.disabled"],
});
