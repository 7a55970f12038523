import { and, desc, eq } from "drizzle-orm";
import { policyActivations, traceEvents } from "../../schema/index.ts";
import type { Db } from "../db.ts";

export interface DriftAlert {
  kind: "policy_change" | "skill_rejected";
  at: string;
  by: string;
  detail: string;
}

const LIMIT = 50;

/**
 * Drift the control plane records today: policy activations and rejected skill installs (the skill
 * registry's trace). Replay divergence and broken chains are found when someone replays or reads a
 * trace and are not stored, so they are not listed here.
 */
export async function driftAlerts(db: Db, tenantId: string): Promise<DriftAlert[]> {
  const [activations, rejections] = await Promise.all([
    db.select().from(policyActivations).where(eq(policyActivations.tenantId, tenantId)).orderBy(desc(policyActivations.activatedAt)).limit(LIMIT),
    db
      .select()
      .from(traceEvents)
      .where(and(eq(traceEvents.tenantId, tenantId), eq(traceEvents.type, "controlPlane.skill.rejected")))
      .orderBy(desc(traceEvents.at))
      .limit(LIMIT),
  ]);
  const alerts: DriftAlert[] = [
    ...activations.map((a) => ({
      kind: "policy_change" as const,
      at: a.activatedAt,
      by: a.activatedBy,
      detail: `policy ${a.version} activated${a.reason === null ? "" : `: ${a.reason}`}`,
    })),
    ...rejections.map((e) => ({
      kind: "skill_rejected" as const,
      at: e.at,
      by: e.actorId,
      detail: "a skill install failed verification; nothing was installed",
    })),
  ];
  return alerts.sort((a, b) => b.at.localeCompare(a.at));
}
