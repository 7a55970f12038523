import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env.ts";
import { type DeliveryEntry, type Recorded, recordDeliveries } from "../workers/ingest/record-deliveries.ts";

/** At most this many deliveries go into one D1 batch. */
const MAX_GROUP = 64;
/** And at most about this many statements (a delivery row, then a principal, an intent and an execution row per item). */
const MAX_STATEMENTS = 500;

export interface Waiting {
  entry: DeliveryEntry;
  resolve: (result: Recorded) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one tenant's channel deliveries. Each caller's delivery is recorded in D1 before its call
 * returns (the webhook acks only after that), but the deliveries that arrive while a batch is being written
 * go into the next batch together: one D1 round trip and one queue send for many deliveries instead of one
 * each. At low load a group is one delivery and nothing waits. Holds no state of its own: D1 is the record.
 *
 * A Durable Object because its callers share one context: a Worker request may not wait on a write another
 * request performs (the runtime cancels it as hung), an object's calls may.
 */
export class DeliveryRecorderDO extends DurableObject<Env> {
  #waiting: Waiting[] = [];
  #writing = false;

  record(entry: DeliveryEntry): Promise<Recorded> {
    return new Promise<Recorded>((resolve, reject) => {
      this.#waiting.push({ entry, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#waiting.length > 0) {
        const group = this.#waiting.splice(0, groupSize(this.#waiting));
        try {
          const results = await recordDeliveries(this.env, group.map((w) => w.entry));
          group.forEach((w, i) => w.resolve(results[i] ?? { status: "conflict" }));
        } catch (error) {
          for (const w of group) w.reject(error);
        }
      }
    } finally {
      this.#writing = false;
    }
  }
}

/** How many of the waiting deliveries go into the next batch: at least one, however large. */
export function groupSize(waiting: readonly Waiting[]): number {
  let statements = 0;
  let size = 0;
  for (const w of waiting) {
    statements += 1 + 3 * w.entry.items.length;
    if (size > 0 && (size >= MAX_GROUP || statements > MAX_STATEMENTS)) break;
    size++;
  }
  return size;
}
