import { and, eq } from "drizzle-orm";
import type { Actor } from "../../contracts/intent.ts";
import { installedSkills } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import type { InstalledRow } from "./installed.ts";
import { recordRegistryEvent } from "./registry-trace.ts";

/**
 * Takes skills out of service at once: steps check the status right before they run, so a step that
 * has not started yet fails with SKILL_DISABLED. Only rows still active change and are traced.
 */
export async function disableSkills(
  env: Env,
  db: Db,
  rows: readonly InstalledRow[],
  reason: string | null,
  actor: Actor,
  now: Date,
): Promise<string[]> {
  const disabled: string[] = [];
  for (const row of rows) {
    const changed = await db
      .update(installedSkills)
      .set({ status: "disabled", disabledAt: now.toISOString(), disabledReason: reason })
      .where(and(eq(installedSkills.id, row.id), eq(installedSkills.tenantId, row.tenantId), eq(installedSkills.status, "active")))
      .returning({ id: installedSkills.id });
    if (changed.length === 0) continue;
    disabled.push(row.id);
    await recordRegistryEvent(env, row.tenantId, "controlPlane.skill.disabled", { skillId: row.id, skill: row.skill, version: row.version, reason }, actor, now);
  }
  return disabled;
}
