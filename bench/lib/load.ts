import type { SignedDelivery } from "./slack-deliveries.ts";

/** A request still unanswered after this long counts as failed (status 0), so a stuck endpoint cannot hang the run. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface LoadResult {
  /** Milliseconds per request, in completion order. */
  latencies: number[];
  statuses: Map<number, number>;
  /** Event ids the endpoint answered 200. */
  accepted: Set<string>;
  elapsedMs: number;
}

/** Sends every delivery with `concurrency` requests in flight at all times until all are answered. */
export async function runLoad(url: string, deliveries: readonly SignedDelivery[], concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const accepted = new Set<string>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < deliveries.length; i = next++) {
      const delivery = deliveries[i];
      if (delivery === undefined) break;
      const started = performance.now();
      let status = 0;
      try {
        const res = await fetch(url, { method: "POST", body: delivery.body, headers: delivery.headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 0;
      }
      latencies.push(performance.now() - started);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 200) accepted.add(delivery.eventId);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, statuses, accepted, elapsedMs: performance.now() - started };
}

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  throughput: number;
}

/** Nearest-rank percentiles in milliseconds; throughput in requests per second. */
export function summarize(result: LoadResult): Summary {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), throughput: (sorted.length / result.elapsedMs) * 1000 };
}
