import type { ExecutionStatus } from "../contracts/common/status.ts";
import type { Env } from "../workers/env.ts";
import type { ExecutionStore } from "./execution-store.ts";
import { insertTraceEvents, updateExecutionIndex } from "../workers/trace/insert-events.ts";
import { PAYLOAD_SEGMENT_EVENTS, segmentIndexOf, splitPayloadRef } from "./payload-key.ts";

export interface IndexRow {
  executionId: string;
  tenantId: string;
  status: ExecutionStatus;
  planId: string | null;
  planDigest: string | null;
  updatedAt: string;
  completedAt: string | null;
}

/**
 * Copies what the execution recorded to where operators read it: payloads to R2, chain links to D1's
 * trace index, and the execution's index row. Idempotent; whatever fails is retried on the next alarm,
 * the Durable Object's own SQLite staying the record of truth meanwhile.
 */
export async function mirror(env: Env, store: ExecutionStore, row: IndexRow): Promise<void> {
  const pending = store.unmirrored();
  await Promise.all(payloadObjects(store, pending).map(({ key, body }) => env.TRACES.put(key, body, { httpMetadata: { contentType: "application/json" } })));
  await env.DB.batch([updateExecutionIndex(env.DB, row), ...insertTraceEvents(env.DB, pending.map((p) => p.event))]);
  const last = pending[pending.length - 1];
  if (last !== undefined) store.markMirrored(last.event.seq);
}

/**
 * The R2 objects the pending events need: each segment they fall in, written whole from the Durable
 * Object's own copy (so a rewrite keeps the segment's earlier payloads), and any payload stored on its own.
 */
function payloadObjects(store: ExecutionStore, pending: ReturnType<ExecutionStore["unmirrored"]>): { key: string; body: string }[] {
  const segments = new Map<string, number>();
  const singles: { key: string; body: string }[] = [];
  for (const { event, payload } of pending) {
    if (event.payloadRef === undefined) continue;
    const { objectKey, digest } = splitPayloadRef(event.payloadRef);
    if (digest === null) singles.push({ key: objectKey, body: payload });
    else segments.set(objectKey, segmentIndexOf(event.seq));
  }
  const segmentObjects = [...segments].map(([key, segment]) => {
    const from = segment * PAYLOAD_SEGMENT_EVENTS;
    const byDigest = new Map(store.payloadsBetween(from, from + PAYLOAD_SEGMENT_EVENTS - 1).map((p) => [p.digest, p.payload]));
    // The stored payloads are JSON text already: joined, not parsed and serialised again.
    return { key, body: `{${[...byDigest].map(([digest, payload]) => `"${digest}":${payload}`).join(",")}}` };
  });
  return [...segmentObjects, ...singles];
}
