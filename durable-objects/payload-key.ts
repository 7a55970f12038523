/** R2 key of an event's full payload: per tenant and trace, by digest, so retention can prune a trace's payloads. */
export function payloadKey(tenantId: string, traceId: string, payloadDigest: string): string {
  return `traces/${tenantId}/${traceId}/${payloadDigest}.json`;
}
