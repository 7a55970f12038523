import { driftAlerts } from "../../schema/index.ts";
import type { Db } from "../db.ts";

export type DriftAlertKind = "replay_divergence" | "trace_chain_broken";

export interface DriftAlertInput {
  tenantId: string;
  kind: DriftAlertKind;
  executionId: string;
  traceId: string;
  /** Stored as JSON: the first differences of a replay, or `{ brokenAtSeq, reason }`. */
  detail: unknown;
}

/** How many replay differences an alert keeps; the replay answer itself carries up to 100. */
export const ALERT_DIFFERENCES = 5;

/**
 * Records drift found while answering a replay or a trace read. Awaited by the caller, but a failure is
 * logged and swallowed: recording an alert never changes the answer that detected it.
 */
export async function recordDriftAlert(db: Db, alert: DriftAlertInput): Promise<void> {
  try {
    await db.insert(driftAlerts).values({
      id: `da_${crypto.randomUUID().replaceAll("-", "")}`,
      tenantId: alert.tenantId,
      kind: alert.kind,
      executionId: alert.executionId,
      traceId: alert.traceId,
      detail: JSON.stringify(alert.detail),
      detectedAt: new Date().toISOString(),
    });
  } catch (error) {
    console.error("drift alert not recorded", alert.kind, alert.executionId, error);
  }
}
