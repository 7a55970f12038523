/** R2 key of one full payload: per tenant and trace, by digest, so retention can prune a trace's payloads. */
export function payloadKey(tenantId: string, traceId: string, payloadDigest: string): string {
  return `traces/${tenantId}/${traceId}/${payloadDigest}.json`;
}

/**
 * Payloads of an execution's trace are stored in segments, one R2 object per this many consecutive
 * events, a JSON object from digest to payload. One object per event cost a storage write per event,
 * which was most of what a short execution cost.
 */
export const PAYLOAD_SEGMENT_EVENTS = 64;

export function segmentIndexOf(seq: number): number {
  return Math.floor(seq / PAYLOAD_SEGMENT_EVENTS);
}

export function segmentKey(tenantId: string, traceId: string, segment: number): string {
  return `traces/${tenantId}/${traceId}/payloads/${segment}.json`;
}

/** `<segment key>#<digest>` for a payload in a segment; a plain key for a payload stored on its own. */
export function segmentPayloadRef(tenantId: string, traceId: string, seq: number, payloadDigest: string): string {
  return `${segmentKey(tenantId, traceId, segmentIndexOf(seq))}#${payloadDigest}`;
}

/** Where a payload reference points: the R2 object, and the digest inside it when the object is a segment. */
export function splitPayloadRef(ref: string): { objectKey: string; digest: string | null } {
  const hash = ref.indexOf("#");
  return hash < 0 ? { objectKey: ref, digest: null } : { objectKey: ref.slice(0, hash), digest: ref.slice(hash + 1) };
}
