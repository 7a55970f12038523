/** Recorders per provider and tenant when DELIVERY_RECORDER_SHARDS is unset. */
export const DEFAULT_RECORDER_SHARDS = 1;
/** More would only thin each recorder's group commits without removing a bottleneck. */
const MAX_RECORDER_SHARDS = 256;

/** DELIVERY_RECORDER_SHARDS as a count; a value that is not a whole number in range fails loudly. */
export function recorderShards(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_RECORDER_SHARDS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_RECORDER_SHARDS) throw new Error(`DELIVERY_RECORDER_SHARDS must be a whole number from 1 to ${MAX_RECORDER_SHARDS}, got "${raw}"`);
  return n;
}

/**
 * The name of the DeliveryRecorderDO that records a delivery: per provider and tenant, and within them by a
 * hash of the delivery id, so one tenant's flood spreads over `shards` objects while every copy of one
 * delivery (a provider retry) still meets its first copy in the same object. FNV-1a: stable across isolates
 * and deployments, which the choice must be (a retry may land anywhere).
 */
export function recorderName(provider: string, tenant: string, deliveryId: string, shards: number): string {
  if (shards <= 1) return `${provider}:${tenant}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < deliveryId.length; i++) {
    hash ^= deliveryId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${provider}:${tenant}:${hash % shards}`;
}
