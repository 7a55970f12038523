import type { SkillView } from "../../contracts/common/skill.ts";
import { orDash, table } from "./table.ts";

export function skillsTable(items: readonly SkillView[]): string {
  return table(
    ["SKILL ID", "SKILL", "VERSION", "STATUS", "KEY", "TOOLS", "EGRESS", "DISABLED"],
    items.map((s) => [s.skillId, s.skill, s.version, s.status, s.signingKeyId, s.tools.join(","), s.egress.join(",") || "-", orDash(s.disabledAt)]),
    "no skills installed",
  );
}
