import { and, asc, eq, lte } from "drizzle-orm";
import type { TraceEntry, TraceEvent } from "../../../contracts/common/trace.ts";
import { traceGet } from "../../../contracts/queries/trace-get.ts";
import { verifyChain } from "../../../engine/trace.ts";
import { traceEvents } from "../../../schema/index.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { eventOfRow } from "../../trace/event-row.ts";
import { recordDriftAlert } from "../../drift/record-alert.ts";
import { chainAnchor } from "../../trace/chain-anchor.ts";
import { archivedTracePage } from "../../trace/archived-page.ts";
import { payloadReader } from "../../trace/payload-reader.ts";
import { withoutCredentials } from "../../../runtime/redact.ts";
import { readReach } from "../visibility.ts";

/** A link to serve, and whether retention pruned its payload. */
interface Served {
  event: TraceEvent;
  pruned: boolean;
}

/**
 * Serves an execution's trace from its ExecutionDO (a skill registry trace from D1) and verifies its chain
 * from seq 0 through the last event served, against the head recorded apart from the links (chain-anchor.ts),
 * so a changed, removed or truncated link shows. Payloads asked for are read from R2 and checked against their
 * digests; one that does not match is reported, never served.
 */
export const traceGetHandler = implement(traceGet, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const { tenantId } = caller;
  const position = decodeCursor(input.cursor);
  const from = position === undefined ? 0 : Number(position[1]) + 1;
  if (!Number.isSafeInteger(from) || (position !== undefined && position[0] !== input.traceId)) {
    throw new ProblemError(400, "INVALID_CURSOR", "The cursor was issued for another trace.", [{ path: "cursor", message: "not for this trace" }]);
  }
  // An archived execution's trace is served from its archive, checked whole against the index row.
  const archived = await archivedTracePage(ctx.env, ctx.db, tenantId, readReach(caller), { traceId: input.traceId, from, limit: input.limit, includePayloads: input.includePayloads });
  if (archived !== undefined) return archived;
  // A trace the caller may not see has no anchor: it answers exactly as one that does not exist.
  const anchor = await chainAnchor(ctx.env, ctx.db, tenantId, input.traceId, readReach(caller));
  if (anchor === undefined) throw new ProblemError(404, "TRACE_NOT_FOUND", `No trace ${input.traceId} in this tenant.`);
  const end = Math.min(from + input.limit, anchor.lastSeq + 1);
  const rows: Served[] =
    anchor.links !== undefined
      ? anchor.links.filter((e) => e.seq <= end).map((event) => ({ event, pruned: anchor.payloadsPruned === true }))
      : (
          await ctx.db
            .select()
            .from(traceEvents)
            .where(and(eq(traceEvents.traceId, input.traceId), eq(traceEvents.tenantId, tenantId), lte(traceEvents.seq, end)))
            .orderBy(asc(traceEvents.seq))
        ).map((row) => ({ event: eventOfRow(row), pruned: row.payloadPrunedAt !== null }));

  // The page should end at the anchored link of that seq: a link removed or altered shows here.
  const expectedHead = anchor.headBelow(end);
  const served = rows.filter((r) => r.event.seq >= from && r.event.seq < end);
  const lastServed = served[served.length - 1]?.event;
  const checkedThroughSeq = expectedHead?.seq ?? rows.at(-1)?.event.seq ?? -1;
  const checked = rows.filter((r) => r.event.seq <= checkedThroughSeq).map((r) => r.event);
  const chain = verifyChain(checked, expectedHead === undefined ? {} : { expectedHead });
  const where = { tenantId, executionId: anchor.executionId, traceId: input.traceId };
  if (!chain.ok) await recordDriftAlert(ctx.db, { ...where, kind: "trace_chain_broken", detail: { brokenAtSeq: chain.brokenAt, reason: chain.reason } });

  const events = input.includePayloads ? await withPayloads(ctx.env.TRACES, served) : served.map(withoutPayload);
  const unserved = events.flatMap((e) => (e.payloadStatus === "tampered" || e.payloadStatus === "missing" ? [{ seq: e.seq, status: e.payloadStatus }] : []));
  if (unserved.length > 0) await recordDriftAlert(ctx.db, { ...where, kind: "trace_payload_tampered", detail: { payloads: unserved } });

  const more = lastServed !== undefined && anchor.lastSeq > lastServed.seq;
  return {
    traceId: input.traceId,
    executionId: anchor.executionId,
    events,
    nextCursor: more && lastServed !== undefined ? encodeCursor([input.traceId, String(lastServed.seq)]) : null,
    chain: {
      valid: chain.ok,
      checkedThroughSeq,
      brokenAtSeq: chain.ok ? null : chain.brokenAt,
    },
  };
});

function withoutPayload({ event, pruned }: Served): TraceEntry {
  return pruned ? { ...event, payloadPruned: true } : event;
}

async function withPayloads(bucket: R2Bucket, rows: readonly Served[]): Promise<TraceEntry[]> {
  const payloads = payloadReader(bucket);
  return Promise.all(
    rows.map(async ({ event, pruned }): Promise<TraceEntry> => {
      if (pruned) return { ...event, payloadPruned: true, payloadStatus: "pruned" };
      if (event.payloadRef === undefined) return { ...event, payloadStatus: "missing" };
      const read = await payloads.read(event.payloadRef, event.payloadDigest);
      if (read.status !== "verified") return { ...event, payloadStatus: read.status };
      const shown = withoutCredentials(read.payload);
      return shown.redacted
        ? { ...event, payload: shown.value, payloadStatus: "verified", payloadRedacted: true }
        : { ...event, payload: read.payload, payloadStatus: "verified" };
    }),
  );
}
