import type { EventDraft } from "../executor/events.ts";
import { digestOf } from "../hash.ts";
import type { RecordedEvent } from "./types.ts";

/** What replay compares of an event; the same digest the trace stores as `payloadDigest`. */
export function summarizeEvent(event: EventDraft): RecordedEvent {
  const summary: RecordedEvent = { type: event.type, payloadDigest: digestOf(event.payload) };
  if (event.stepId !== undefined) summary.stepId = event.stepId;
  return summary;
}
