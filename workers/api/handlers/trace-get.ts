import { and, asc, eq, lte } from "drizzle-orm";
import { traceGet } from "../../../contracts/queries/trace-get.ts";
import { verifyChain } from "../../../engine/trace.ts";
import { traceEvents } from "../../../schema/index.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { executionStub } from "./execution-stub.ts";
import { traceOf } from "./execution-rpc.ts";
import { eventOfRow } from "../../trace/event-row.ts";
import { recordDriftAlert } from "../../drift/record-alert.ts";
import { isRegistryTrace } from "../../skills/registry-trace.ts";
import { payloadReader } from "../../trace/payload-reader.ts";
import { withoutCredentials } from "../../../runtime/redact.ts";
import { readReach } from "../visibility.ts";
import { executionSummary } from "./execution-summary.ts";


/**
 * Serves a trace from the D1 index and verifies its chain from seq 0 through the last event served,
 * against the head the execution's Durable Object holds, so a changed, removed or truncated link shows.
 */
export const traceGetHandler = implement(traceGet, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const { tenantId } = caller;
  const position = decodeCursor(input.cursor);
  const from = position === undefined ? 0 : Number(position[1]) + 1;
  if (!Number.isSafeInteger(from) || (position !== undefined && position[0] !== input.traceId)) {
    throw new ProblemError(400, "INVALID_CURSOR", "The cursor was issued for another trace.", [{ path: "cursor", message: "not for this trace" }]);
  }
  const rows = await ctx.db
    .select()
    .from(traceEvents)
    .where(and(eq(traceEvents.traceId, input.traceId), eq(traceEvents.tenantId, tenantId), lte(traceEvents.seq, from + input.limit)))
    .orderBy(asc(traceEvents.seq));
  const first = rows[0];
  const notFound = () => new ProblemError(404, "TRACE_NOT_FOUND", `No trace ${input.traceId} in this tenant.`);
  if (first === undefined) throw notFound();
  // A trace the caller may not see answers exactly as one that does not exist. The registry's trace is no one's execution.
  const reach = readReach(caller);
  if (reach.kind === "own" && (isRegistryTrace(first.traceId) || (await executionSummary(ctx.db, tenantId, first.executionId, reach)) === undefined)) throw notFound();

  // A skill registry trace has no Durable Object: its chain's record is D1 itself (workers/skills/registry-trace.ts).
  const authoritative = isRegistryTrace(first.traceId)
    ? rows.map(eventOfRow)
    : (await traceOf(executionStub(ctx.env, first.executionId))).filter((link) => link.mirrored).map((link) => link.event);
  // The page should end at the Durable Object's link of that seq: a link removed from or altered in D1 shows here.
  const expectedHead = authoritative.filter((e) => e.seq < from + input.limit).at(-1);
  const served = rows.filter((r) => r.seq >= from && r.seq < from + input.limit);
  const lastServed = served[served.length - 1];
  const checked = rows.filter((r) => r.seq <= (expectedHead?.seq ?? lastServed?.seq ?? -1)).map(eventOfRow);
  const chain = verifyChain(checked, expectedHead === undefined ? {} : { expectedHead: { seq: expectedHead.seq, hash: expectedHead.hash } });
  if (!chain.ok) {
    await recordDriftAlert(ctx.db, {
      tenantId,
      kind: "trace_chain_broken",
      executionId: first.executionId,
      traceId: input.traceId,
      detail: { brokenAtSeq: chain.brokenAt, reason: chain.reason },
    });
  }

  const payloads = payloadReader(ctx.env.TRACES);
  const events = await Promise.all(
    served.map(async (row) => {
      const event = eventOfRow(row);
      if (row.payloadPrunedAt !== null) return { ...event, payloadPruned: true as const };
      if (!input.includePayloads || row.payloadRef === null) return event;
      const payload = await payloads.read(row.payloadRef);
      if (payload === undefined) return event;
      const shown = withoutCredentials(payload);
      return shown.redacted ? { ...event, payload: shown.value, payloadRedacted: true as const } : { ...event, payload };
    }),
  );
  const more = lastServed !== undefined && authoritative.some((e) => e.seq > lastServed.seq);
  return {
    traceId: input.traceId,
    executionId: first.executionId,
    events,
    nextCursor: more && lastServed !== undefined ? encodeCursor([input.traceId, String(lastServed.seq)]) : null,
    chain: {
      valid: chain.ok,
      checkedThroughSeq: expectedHead?.seq ?? lastServed?.seq ?? -1,
      brokenAtSeq: chain.ok ? null : chain.brokenAt,
    },
  };
});
