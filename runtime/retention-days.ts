/** Days of trace records to keep live, or null when retention is off (unset). Misconfiguration fails loudly. */
export function retentionDays(env: { TRACE_RETENTION_DAYS?: string }): number | null {
  const raw = env.TRACE_RETENTION_DAYS;
  if (raw === undefined || raw.trim() === "") return null;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0) throw new Error(`TRACE_RETENTION_DAYS must be a positive number of days, got "${raw}"`);
  return days;
}

export const DAY_MS = 86_400_000;
