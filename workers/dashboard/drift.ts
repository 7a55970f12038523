import { and, desc, eq, sql } from "drizzle-orm";
import { driftAlerts as driftAlertRows, policyActivations, traceEvents } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import { executionIdInReach, type Reach } from "../api/visibility.ts";

export interface DriftAlert {
  kind: "policy_change" | "skill_rejected" | "replay_divergence" | "trace_chain_broken" | "trace_payload_tampered" | "handoff_failed" | "tool_definition_changed";
  at: string;
  by: string;
  detail: string;
}

const LIMIT = 50;

const DETECTED: Record<(typeof driftAlertRows.$inferSelect)["kind"], string> = {
  replay_divergence: "replay diverged",
  trace_chain_broken: "trace chain broken",
  trace_payload_tampered: "trace payload tampered",
  handoff_failed: "intent never reached its execution",
  tool_definition_changed: "upstream MCP tool definition changed",
};

/**
 * Drift the control plane records: policy activations, rejected skill installs (the skill registry's
 * trace), and replay divergences and broken trace chains (recorded in `drift_alerts` when a replay or a
 * trace read finds them, workers/drift/record-alert.ts). A caller without tenant-wide reach sees policy
 * activations and the alerts of its own executions only (the skill registry's trace is no one's execution).
 */
export async function driftAlerts(db: Db, tenantId: string, reach: Reach): Promise<DriftAlert[]> {
  const [activations, rejections, detected] = await Promise.all([
    db.select().from(policyActivations).where(eq(policyActivations.tenantId, tenantId)).orderBy(desc(policyActivations.activatedAt)).limit(LIMIT),
    reach.kind === "own"
      ? []
      : db
          .select()
          .from(traceEvents)
          .where(and(eq(traceEvents.tenantId, tenantId), eq(traceEvents.type, "controlPlane.skill.rejected")))
          .orderBy(desc(traceEvents.at))
          .limit(LIMIT),
    db
      .select()
      .from(driftAlertRows)
      .where(and(eq(driftAlertRows.tenantId, tenantId), executionIdInReach(db, tenantId, reach, driftAlertRows.executionId)))
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
        `${DETECTED[d.kind]}: execution ${d.executionId}, trace ${d.traceId}: ${d.detail}` +
        (d.detections > 1 ? ` (found ${d.detections} times since ${d.detectedAt})` : ""),
    })),
  ];
  return alerts.sort((a, b) => b.at.localeCompare(a.at));
}
