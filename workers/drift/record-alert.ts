import { sql } from "drizzle-orm";
import { digestOf } from "../../engine/hash.ts";
import { driftAlerts } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import { log } from "../../runtime/log.ts";

/**
 * `handoff_failed`: an intent that could not be handed to its execution (workers/ingest/give-up.ts).
 * `tool_definition_changed`: an upstream MCP server lists a tool other than its pinned definition (workers/mcp/upstream/run-upstream.ts).
 */
export type DriftAlertKind = "replay_divergence" | "trace_chain_broken" | "trace_payload_tampered" | "handoff_failed" | "tool_definition_changed";

export interface DriftAlertInput {
  tenantId: string;
  kind: DriftAlertKind;
  executionId: string;
  traceId: string;
  /** Stored as JSON: the first differences of a replay, `{ brokenAtSeq, reason }`, or `{ payloads: [{ seq, status, reason }] }`, or `{ intentId, attempts, reason }`. */
  detail: unknown;
}

/** How many replay differences an alert keeps; the replay answer itself carries up to 100. */
export const ALERT_DIFFERENCES = 5;

/**
 * Records drift found while answering a replay or a trace read. The same drift found again (same kind,
 * execution, trace and detail) counts on the row that first recorded it: one alert with how often and when
 * it was last seen, not one alert per look. Awaited by the caller, but a failure is logged and swallowed:
 * recording an alert never changes the answer that detected it.
 */
export async function recordDriftAlert(db: Db, alert: DriftAlertInput): Promise<void> {
  const now = new Date().toISOString();
  try {
    await db
      .insert(driftAlerts)
      .values({
        id: `da_${crypto.randomUUID().replaceAll("-", "")}`,
        tenantId: alert.tenantId,
        kind: alert.kind,
        executionId: alert.executionId,
        traceId: alert.traceId,
        detail: JSON.stringify(alert.detail),
        detectedAt: now,
        fingerprint: driftFingerprint(alert),
        lastDetectedAt: now,
        detections: 1,
      })
      .onConflictDoUpdate({
        target: [driftAlerts.tenantId, driftAlerts.fingerprint],
        set: { lastDetectedAt: now, detections: sql`${driftAlerts.detections} + 1` },
      });
  } catch (error) {
    log.error("drift alert not recorded", { kind: alert.kind, executionId: alert.executionId, error: String(error) });
  }
}

/** The same drift of the same execution has the same fingerprint; a different finding (another seq, other differences) does not. */
export function driftFingerprint(alert: DriftAlertInput): string {
  return digestOf({ kind: alert.kind, executionId: alert.executionId, traceId: alert.traceId, detail: alert.detail });
}
