import { and, eq, inArray } from "drizzle-orm";
import type { SkillCheckReport } from "../../contracts/skills/report.ts";
import { SKILL_RUNTIME_VERSION } from "../../contracts/skills/runtime.ts";
import { verifySkill } from "../../engine/skills/check-install.ts";
import { installedSkills } from "../../schema/index.ts";
import type { Caller } from "../api/caller.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import { installedVersion } from "../skills/installed.ts";
import { loadTenantTrust } from "../skills/trust-store.ts";

/**
 * Each listed skill's verification report, recomputed now against the tenant's current trust store and
 * revocations, as skill.verify would run it with the stored manifest and the bundle stored in R2. The
 * version check compares against the highest installed version other than this one, so a skill is not
 * refused for being itself; a newer installed version shows as DOWNGRADE (superseded).
 */
export async function skillReports(env: Env, db: Db, caller: Caller, skillIds: string[], now: Date): Promise<Map<string, SkillCheckReport>> {
  const reports = new Map<string, SkillCheckReport>();
  if (skillIds.length === 0) return reports;
  const [trust, rows] = await Promise.all([
    loadTenantTrust(db, caller.tenantId),
    db
      .select()
      .from(installedSkills)
      .where(and(eq(installedSkills.tenantId, caller.tenantId), inArray(installedSkills.id, skillIds))),
  ]);
  await Promise.all(
    rows.map(async (row) => {
      const [installed, object] = await Promise.all([installedVersion(db, caller.tenantId, row.skill), env.SKILLS.get(row.bundleKey)]);
      const manifest: unknown = JSON.parse(row.manifest);
      const report = await verifySkill({
        manifest,
        bundle: object === null ? undefined : new Uint8Array(await object.arrayBuffer()),
        ...trust,
        installedVersion: installed === row.version ? undefined : installed,
        runtimeVersion: SKILL_RUNTIME_VERSION,
        grants: caller.capabilities,
        now,
      });
      reports.set(row.id, report);
    }),
  );
  return reports;
}
