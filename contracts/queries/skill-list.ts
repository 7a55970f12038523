import { z } from "zod";
import { invalidCursor } from "../common/errors.ts";
import { Cursor, page, pageLimit } from "../common/pagination.ts";
import { defineOperation } from "../define.ts";
import { PublisherId } from "../skills/names.ts";
import { SkillStatus, SkillView } from "../common/skill.ts";

export const SkillListInput = z.strictObject({
  status: SkillStatus.optional().describe("Only skills in this status"),
  publisher: PublisherId.optional().describe("Only skills of this publisher"),
  limit: pageLimit(100, 50),
  cursor: Cursor.optional(),
});
export type SkillListInput = z.infer<typeof SkillListInput>;

export const SkillListOutput = page(SkillView);
export type SkillListOutput = z.infer<typeof SkillListOutput>;

export const skillList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.skill.list",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills"],
    description: "List the skills installed in the tenant, every version, active or disabled.",
    goal: "Shows which third-party code the tenant trusts, signed by whom, and which hosts it may reach.",
    context: "Ordered by skill key, then version (newest first). Disabled skills stay listed for audit.",
  },
  input: SkillListInput,
  output: SkillListOutput,
  errors: [invalidCursor],
  capability: "control-plane.skill-registry",
  http: { method: "GET", path: "/v1/skills" },
  emits: [],
});
