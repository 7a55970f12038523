import type { TraceEvent } from "../contracts/common/trace.ts";
import { digestOf } from "../engine/hash.ts";

export interface TamperedPayload {
  seq: number;
  type: string;
  /** `stored`: the payload this object keeps for the event; `document`: what replay re-runs from (intent, plan, policy). */
  what: "stored" | "document";
}

/**
 * The payloads that do not hash to the digest their chain link recorded. Replay reads the intent, plan and
 * policy from this object's documents, which are the payloads of the events that recorded them: each is
 * checked against that event, so a document edited after the fact is reported instead of replayed.
 * `documents` maps an event type to the payload its first event must carry.
 */
export function tamperedPayloads(
  stored: readonly { event: TraceEvent; payload: unknown }[],
  documents: Readonly<Record<string, unknown>>,
): TamperedPayload[] {
  const found: TamperedPayload[] = [];
  const checkedDocuments = new Set<string>();
  for (const { event, payload } of stored) {
    if (!matches(payload, event.payloadDigest)) found.push({ seq: event.seq, type: event.type, what: "stored" });
    if (Object.hasOwn(documents, event.type) && !checkedDocuments.has(event.type)) {
      checkedDocuments.add(event.type);
      if (!matches(documents[event.type], event.payloadDigest)) found.push({ seq: event.seq, type: event.type, what: "document" });
    }
  }
  return found;
}

function matches(value: unknown, digest: string): boolean {
  try {
    return digestOf(value) === digest;
  } catch {
    return false;
  }
}
