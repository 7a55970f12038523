import { and, eq } from "drizzle-orm";
import { groupMembers } from "../../schema/index.ts";
import type { Db } from "../db.ts";

/** The groups a principal belongs to in its tenant; policy calls them roles. */
export async function rolesOf(db: Db, tenantId: string, principalId: string): Promise<string[]> {
  const rows = await db
    .select({ group: groupMembers.group })
    .from(groupMembers)
    .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.principalId, principalId)));
  return rows.map((r) => r.group).sort();
}

export async function memberCount(db: Db, tenantId: string, group: string): Promise<number> {
  const rows = await db
    .select({ p: groupMembers.principalId })
    .from(groupMembers)
    .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.group, group)));
  return rows.length;
}
