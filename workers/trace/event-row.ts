import type { TraceEvent } from "../../contracts/common/trace.ts";
import type { traceEvents } from "../../schema/index.ts";

type Row = typeof traceEvents.$inferSelect;
type NewRow = typeof traceEvents.$inferInsert;

/** A chain link as D1's trace index stores it, back to the event its hash was computed over. */
export function eventOfRow(row: Row): TraceEvent {
  return {
    traceId: row.traceId,
    executionId: row.executionId,
    seq: row.seq,
    type: row.type,
    at: row.at,
    tenantId: row.tenantId,
    actor: { type: row.actorType as TraceEvent["actor"]["type"], id: row.actorId },
    ...(row.sessionId === null ? {} : { sessionId: row.sessionId }),
    ...(row.capabilitySource === null ? {} : { capabilitySource: row.capabilitySource }),
    ...(row.stepId === null ? {} : { stepId: row.stepId }),
    payloadDigest: row.payloadDigest,
    ...(row.payloadRef === null ? {} : { payloadRef: row.payloadRef }),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** The D1 index row of a chain link; absent optional fields are stored as NULL. */
export function rowOfEvent(event: TraceEvent): NewRow {
  return {
    traceId: event.traceId,
    seq: event.seq,
    executionId: event.executionId,
    tenantId: event.tenantId,
    type: event.type,
    at: event.at,
    actorType: event.actor.type,
    actorId: event.actor.id,
    sessionId: event.sessionId ?? null,
    capabilitySource: event.capabilitySource ?? null,
    stepId: event.stepId ?? null,
    payloadDigest: event.payloadDigest,
    payloadRef: event.payloadRef ?? null,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}
