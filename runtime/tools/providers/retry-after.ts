/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Unreadable values are ignored. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === "") return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP dates always name a day and month; Date.parse would also read bare numbers such as "-5".
  if (!/[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** For providers that report the end of a rate-limit window as epoch seconds (GitHub's x-ratelimit-reset). */
export function parseResetEpoch(value: string | null, now: number): number | undefined {
  const text = value?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Math.max(0, Number(text) * 1000 - now);
}
