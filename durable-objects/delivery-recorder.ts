import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env.ts";
import { type DeliveryEntry, type Recorded, recordDeliveries } from "../workers/ingest/record-deliveries.ts";

/** At most this many deliveries go into one D1 batch (a few statements each). */
const MAX_GROUP = 64;

interface Waiting {
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
        const group = this.#waiting.splice(0, MAX_GROUP);
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
