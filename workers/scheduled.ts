import type { Env } from "./env.ts";
import { sweepUnhandedIntents } from "./ingest/sweep.ts";
import { runRetention } from "./trace/retention.ts";

/** The cron's work: re-hand-off intents the queue lost; archive finished executions past retention and prune what is left. */
export async function runScheduled(env: Env, now: Date): Promise<void> {
  const results = await Promise.allSettled([sweepUnhandedIntents(env, now), runRetention(env, now)]);
  const failed = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
  if (failed.length > 0) throw new AggregateError(failed, "scheduled work failed");
}
