import { and, desc, eq, sql } from "drizzle-orm";
import { driftAlerts as driftAlertRows, policyActivations, traceEvents } from "../../schema/index.ts";
import type { Db } from "../db.ts";

export interface DriftAlert {
  kind: "policy_change" | "skill_rejected" | "replay_divergence" | "trace_chain_broken" | "handoff_failed";
  at: string;
  by: string;
  detail: string;
}

const LIMIT = 50;

const DETECTED_LABEL = {
  replay_divergence: "replay diverged",
  trace_chain_broken: "trace chain broken",
  handoff_failed: "intent never reached its execution",
} as const;

/**
 * Drift the control plane records: policy activations, rejected skill installs (the skill registry's
 * trace), and replay divergences and broken trace chains (recorded in `drift_alerts` when a replay or a
 * trace read finds them, workers/drift/record-alert.ts).
 */
export async function driftAlerts(db: Db, tenantId: string): Promise<DriftAlert[]> {
  const [activations, rejections, detected] = await Promise.all([
    db.select().from(policyActivations).where(eq(policyActivations.tenantId, tenantId)).orderBy(desc(policyActivations.activatedAt)).limit(LIMIT),
    db
      .select()
      .from(traceEvents)
      .where(and(eq(traceEvents.tenantId, tenantId), eq(traceEvents.type, "controlPlane.skill.rejected")))
      .orderBy(desc(traceEvents.at))
      .limit(LIMIT),
    db
      .select()
      .from(driftAlertRows)
      .where(eq(driftAlertRows.tenantId, tenantId))
      .orderBy(desc(sql`coalesce(${driftAlertRows.lastDetectedAt}, ${driftAlertRows.detectedAt})`))
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
    ...detected.map((d) => ({
      kind: d.kind,
      at: d.lastDetectedAt ?? d.detectedAt,
      by: "control plane",
      detail:
        `${DETECTED_LABEL[d.kind]}: execution ${d.executionId}, trace ${d.traceId}: ${d.detail}` +
        (d.detections > 1 ? ` (found ${d.detections} times since ${d.detectedAt})` : ""),
    })),
  ];
  return alerts.sort((a, b) => b.at.localeCompare(a.at));
}
