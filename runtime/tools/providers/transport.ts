/** How provider clients reach the network: injected, so tests and local demos can answer in place of providers. */
export interface Transport {
  fetch: typeof fetch;
  timeoutMs: number;
  now: () => number;
}

/** `base` may carry a path (`https://slack.com/api`); every segment is percent-encoded, so ids cannot add path parts. */
export function joinUrl(base: string, ...segments: string[]): string {
  return `${base.replace(/\/+$/, "")}/${segments.map((s) => encodeURIComponent(s)).join("/")}`;
}
