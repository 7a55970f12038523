import type { TraceEntry } from "../../contracts/common/trace.ts";
import { type ChainResult, verifyChain } from "../../engine/trace.ts";

/** The chain recomputed here, from the events alone: payloads are not part of the hashed event. */
export function verifyLocally(events: readonly TraceEntry[]): ChainResult {
  return verifyChain(events.map(({ payload: _payload, payloadPruned: _pruned, payloadStatus: _status, ...event }) => event));
}
