import { z } from "zod";
import { SkillView } from "../common/skill.ts";
import { defineEvent } from "../define.ts";

export const SkillInstalledPayload = SkillView.omit({ status: true, disabledAt: true });
export type SkillInstalledPayload = z.infer<typeof SkillInstalledPayload>;

export const skillInstalled = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.skill.installed",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills", "trace"],
    description: "A signed skill passed every check and its tools became available to plans.",
    goal: "Records which code, signed by which key, entered the tenant's tool set, and what it may reach.",
    context:
      "Plans compiled after this event may use the skill's tools; plans compiled before keep the tool versions " +
      "they were compiled against.",
  },
  payload: SkillInstalledPayload,
});
