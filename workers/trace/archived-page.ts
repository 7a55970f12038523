import type { TraceEntry } from "../../contracts/common/trace.ts";
import type { TraceGetOutput } from "../../contracts/queries/trace-get.ts";
import { digestOf } from "../../engine/hash.ts";
import type { ArchivedLink } from "../../engine/trace-archive.ts";
import { withoutCredentials } from "../../runtime/redact.ts";
import { encodeCursor } from "../api/cursor.ts";
import type { Reach } from "../api/visibility.ts";
import type { Db } from "../db.ts";
import { recordDriftAlert } from "../drift/record-alert.ts";
import type { Env } from "../env.ts";
import { executionIdOfTrace } from "../ingest/ids.ts";
import { archiveRefOf, readArchive, refuseArchive } from "./archived-trace.ts";

/**
 * A page of an archived execution's trace, served from its archive once the archive's digest and whole
 * chain have been checked against the index row (archived-trace.ts); undefined when the trace is not an
 * archived execution's (the caller reads it live). Payloads come from the archive, each checked against its digest.
 */
export async function archivedTracePage(
  env: Env,
  db: Db,
  tenantId: string,
  reach: Reach,
  page: { traceId: string; from: number; limit: number; includePayloads: boolean },
): Promise<TraceGetOutput | undefined> {
  const executionId = executionIdOfTrace(page.traceId);
  if (executionId === undefined) return undefined;
  const ref = await archiveRefOf(db, tenantId, executionId, reach);
  if (ref === undefined) return undefined;
  const where = { tenantId, executionId, traceId: page.traceId };
  const opened = await readArchive(env, tenantId, executionId, ref);
  if (!opened.ok) return refuseArchive(db, where, ref, opened);

  const served = opened.archive.links.slice(page.from, page.from + page.limit);
  const events = served.map((link): TraceEntry => (page.includePayloads ? withPayload(link) : link.event));
  const tampered = events.flatMap((e) => (e.payloadStatus === "tampered" ? [{ seq: e.seq, status: "tampered" }] : []));
  if (tampered.length > 0) await recordDriftAlert(db, { ...where, kind: "trace_payload_tampered", detail: { payloads: tampered } });
  const last = served.at(-1)?.event.seq;
  return {
    traceId: page.traceId,
    executionId,
    events,
    nextCursor: last !== undefined && last < ref.head.seq ? encodeCursor([page.traceId, String(last)]) : null,
    chain: { valid: true, checkedThroughSeq: ref.head.seq, brokenAtSeq: null },
  };
}

function withPayload({ event, payload }: ArchivedLink): TraceEntry {
  if (!matches(payload, event.payloadDigest)) return { ...event, payloadStatus: "tampered" };
  const shown = withoutCredentials(payload);
  return shown.redacted ? { ...event, payload: shown.value, payloadStatus: "verified", payloadRedacted: true } : { ...event, payload, payloadStatus: "verified" };
}

function matches(value: unknown, digest: string): boolean {
  try {
    return digestOf(value) === digest;
  } catch {
    return false;
  }
}
