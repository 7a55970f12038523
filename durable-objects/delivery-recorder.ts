import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env.ts";
import { type DeliveryEntry, type Recorded, recordDeliveries } from "../workers/ingest/record-deliveries.ts";
import { log } from "../runtime/log.ts";
import { DeliveryOutbox } from "./delivery-outbox.ts";

/** At most this many deliveries go into one D1 batch. */
const MAX_GROUP = 64;
/** And at most about this many statements (a delivery row, then a principal, an intent and an execution row per item). */
const MAX_STATEMENTS = 500;
/** The alarm that flushes the outbox should this object stop before its own flush ends (evicted, crashed). */
const FLUSH_GUARD_MS = 10_000;
/** After a failed flush: first retry, doubling per failure up to the cap. */
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 5 * 60_000;
/**
 * How long a delivery id stays in this recorder's memory. Providers retry within it (Meta for up to 7 days,
 * GitHub lets a delivery be redelivered for 3, Slack and Twilio within the hour); a repeat arriving later
 * is still refused exactly by D1's keys when the outbox reaches it, it is only acknowledged as new first.
 */
export const DEDUPE_WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * The durable record of one shard of a tenant's channel deliveries. `record` settles a delivery against this
 * object's SQLite (dedupe) and keeps it in an outbox in one local transaction, and returns: the webhook acks
 * without waiting on D1. The outbox then goes to D1 at once, in groups (one batch for the deliveries that
 * arrived while the last one was written; recordDeliveries settles anything D1 already holds), the committed
 * intents are handed on, and only then do their outbox rows go. A failed flush stays in the outbox and an
 * alarm retries it with backoff.
 */
interface Waiting {
  entry: DeliveryEntry;
  resolve: (result: Recorded) => void;
  reject: (error: unknown) => void;
}

export class DeliveryRecorderDO extends DurableObject<Env> {
  readonly #outbox: DeliveryOutbox;
  /** Deliveries waiting for the next local commit, and whether a commit is under way. */
  #incoming: Waiting[] = [];
  #committing = false;
  #flushing: Promise<void> | undefined;
  /** The alarm as this instance last set or read it (epoch ms), to skip redundant writes. */
  #alarmAt: number | null = null;
  /** Set after a failed flush: until then new deliveries wait for the alarm instead of retrying D1 each. */
  #retryAt = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#outbox = new DeliveryOutbox(ctx.storage);
    void ctx.blockConcurrencyWhile(async () => {
      this.#outbox.migrate();
      this.#alarmAt = await ctx.storage.getAlarm();
    });
  }

  record(entry: DeliveryEntry): Promise<Recorded> {
    return new Promise<Recorded>((resolve, reject) => {
      this.#incoming.push({ entry, resolve, reject });
      if (!this.#committing) void this.#commit();
    });
  }

  /**
   * Group commit in the object's own SQLite: the deliveries that arrive while one local commit is made durable
   * go into the next one together (one commit each cost more than the D1 batch they replace on local workerd).
   */
  async #commit(): Promise<void> {
    this.#committing = true;
    try {
      while (this.#incoming.length > 0) {
        const group = this.#incoming.splice(0);
        try {
          const results = this.#outbox.recordAll(group.map((w) => w.entry));
          const now = Date.now();
          const toFlush = results.some((r) => r.status !== "duplicate") && now >= this.#retryAt;
          if (toFlush) await this.#alarmBy(now + FLUSH_GUARD_MS);
          await this.ctx.storage.sync();
          group.forEach((w, i) => w.resolve(results[i] ?? { status: "conflict" }));
          // After a failed flush the retry alarm stands; until it fires, D1 is not tried once per delivery.
          if (toFlush) this.ctx.waitUntil(this.#flush());
        } catch (error) {
          for (const w of group) w.reject(error);
        }
      }
    } finally {
      this.#committing = false;
    }
  }

  /** Flushes what waits (after any flush under way); returns how many deliveries are still not in D1. For tests and operators. */
  async flushNow(): Promise<number> {
    await this.#flushing;
    await this.#flush();
    return this.#outbox.size();
  }

  override async alarm(): Promise<void> {
    this.#alarmAt = null;
    this.#retryAt = 0;
    await this.#flush();
    const pruned = this.#outbox.prune(new Date(Date.now() - DEDUPE_WINDOW_MS).toISOString());
    if (pruned > 0) log.info("delivery dedupe pruned", { rows: pruned });
    if (this.#outbox.size() > 0) return; // the failed flush set its retry
    const oldest = this.#outbox.oldest();
    if (oldest !== undefined) await this.#alarmBy(Date.parse(oldest) + DEDUPE_WINDOW_MS);
  }

  /**
   * One flush at a time. A caller arriving during one shares it: the flush reads the outbox again after each
   * group and ends only on finding it empty, with no await in between, so nothing recorded meanwhile is left.
   */
  #flush(): Promise<void> {
    this.#flushing ??= this.#flushAll().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  async #flushAll(): Promise<void> {
    for (;;) {
      const rows = this.#outbox.waiting(MAX_GROUP);
      if (rows.length === 0) return;
      const group = rows.slice(0, groupSize(rows));
      const seqs = group.map((r) => r.seq);
      try {
        await recordDeliveries(this.env, group.map((r) => r.entry));
      } catch (error) {
        const attempts = this.#outbox.failed(seqs);
        const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
        this.#retryAt = Date.now() + delay;
        log.warn("delivery outbox flush failed; retrying", { deliveries: this.#outbox.size(), attempts, retryInMs: delay, error: String(error) });
        await this.#setAlarm(this.#retryAt);
        return;
      }
      this.#outbox.remove(seqs);
    }
  }

  /** Makes sure an alarm fires no later than `at`. */
  async #alarmBy(at: number): Promise<void> {
    if (this.#alarmAt !== null && this.#alarmAt <= at) return;
    await this.#setAlarm(at);
  }

  async #setAlarm(at: number): Promise<void> {
    await this.ctx.storage.setAlarm(at);
    this.#alarmAt = at;
  }
}

/** How many of the waiting deliveries go into the next batch: at least one, however large. */
export function groupSize(waiting: readonly { entry: DeliveryEntry }[]): number {
  let statements = 0;
  let size = 0;
  for (const w of waiting) {
    statements += 1 + 3 * w.entry.items.length;
    if (size > 0 && (size >= MAX_GROUP || statements > MAX_STATEMENTS)) break;
    size++;
  }
  return size;
}
