import type { ExecutionStatus } from "../contracts/common/status.ts";
import type { Env } from "../workers/env.ts";
import type { ExecutionStore } from "./execution-store.ts";
import { updateExecutionIndex } from "../workers/trace/insert-events.ts";
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
 * Copies what the execution recorded to where it is read from outside: payloads to R2, and to D1 one index
 * row per execution (status, times, the chain's head seq and hash). The chain itself stays in the Durable
 * Object's SQLite, its record of truth (trace.get reads it there and checks it against this head): one D1
 * statement per mirror run, however many events. Idempotent; whatever fails is retried on the next alarm.
 */
export async function mirror(env: Env, store: ExecutionStore, row: IndexRow): Promise<void> {
  const pending = store.unmirrored();
  await Promise.all(payloadObjects(store, pending).map(({ key, body }) => env.TRACES.put(key, body, { httpMetadata: { contentType: "application/json" } })));
  // The head of what this run copies (events appended meanwhile go with the next run).
  const last = pending[pending.length - 1];
  const head = last?.event ?? store.lastEvent();
  await updateExecutionIndex(env.DB, { ...row, head: head === undefined ? null : { seq: head.seq, hash: head.hash } }).run();
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
