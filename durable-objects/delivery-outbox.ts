import type { DeliveryEntry, Recorded } from "../workers/ingest/record-deliveries.ts";
import { traceIdOf } from "../workers/ingest/ids.ts";
import { newIntentIds } from "../workers/ingest/record-intent.ts";
import { type Sql, sqlOf } from "./sql.ts";

const SCHEMA_VERSION = 1;

/** One outbox row: a delivery recorded here and not yet in D1. */
export interface OutboxRow {
  seq: number;
  entry: DeliveryEntry;
  attempts: number;
}

/**
 * A DeliveryRecorderDO's SQLite: `dedupe` (every delivery id this recorder has seen, with its payload digest),
 * the authority for repeats while its rows last, and `outbox`, each delivery (with the intent and execution
 * ids it was given here) until D1 holds it. Conflicts go to the outbox too, without their items, for D1's
 * conflicts table.
 */
export class DeliveryOutbox {
  readonly #sql: Sql;
  readonly #storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    this.#sql = sqlOf(storage.sql);
  }

  /** Idempotent; cheap on every wake. */
  migrate(): void {
    const sql = this.#sql;
    sql`CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`;
    const version = Number(sql<{ v: string }>`SELECT v FROM meta WHERE k = 'schemaVersion'`[0]?.v ?? 0);
    if (version >= SCHEMA_VERSION) return;
    sql`CREATE TABLE IF NOT EXISTS dedupe (
      provider TEXT NOT NULL,
      delivery_id TEXT NOT NULL,
      payload_hash TEXT NOT NULL,
      received_at TEXT NOT NULL,
      PRIMARY KEY (provider, delivery_id)
    )`;
    sql`CREATE INDEX IF NOT EXISTS dedupe_received ON dedupe (received_at)`;
    sql`CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0)`;
    sql`INSERT OR REPLACE INTO meta (k, v) VALUES ('schemaVersion', ${String(SCHEMA_VERSION)})`;
  }

  /**
   * Settles deliveries, in order, against what this recorder has seen, in one transaction: a repeat with the
   * same digest is a duplicate (nothing written), with another digest a conflict (kept for D1), and a new
   * delivery gets its dedupe row and its outbox row, its intents' ids assigned now.
   */
  recordAll(entries: readonly DeliveryEntry[]): Recorded[] {
    return this.#storage.transactionSync(() => entries.map((entry) => this.#record(entry)));
  }

  #record(entry: DeliveryEntry): Recorded {
    const { provider, deliveryId, payloadHash } = entry.delivery;
    const [seen] = this.#sql<{ payload_hash: string }>`SELECT payload_hash FROM dedupe WHERE provider = ${provider} AND delivery_id = ${deliveryId}`;
    if (seen !== undefined) {
      if (seen.payload_hash === payloadHash) return { status: "duplicate" };
      this.#enqueue({ ...entry, items: [] });
      return { status: "conflict" };
    }
    const items = entry.items.map((item) => ({ ...item, ids: item.ids ?? newIntentIds() }));
    this.#sql`INSERT INTO dedupe (provider, delivery_id, payload_hash, received_at) VALUES (${provider}, ${deliveryId}, ${payloadHash}, ${entry.receivedAt})`;
    this.#enqueue({ ...entry, items });
    return {
      status: "new",
      records: items.map((item) => ({ ...item.ids, traceId: traceIdOf(item.ids.executionId), tenantId: item.intent.tenantId, itemId: item.itemId })),
    };
  }

  #enqueue(entry: DeliveryEntry): void {
    this.#sql`INSERT INTO outbox (entry) VALUES (${JSON.stringify(entry)})`;
  }

  /** The oldest waiting rows, at most `limit`. */
  waiting(limit: number): OutboxRow[] {
    return this.#sql<{ seq: number; entry: string; attempts: number }>`SELECT seq, entry, attempts FROM outbox ORDER BY seq LIMIT ${limit}`.map((row) => ({
      seq: row.seq,
      entry: JSON.parse(row.entry) as DeliveryEntry,
      attempts: row.attempts,
    }));
  }

  size(): number {
    return this.#sql<{ n: number }>`SELECT count(*) AS n FROM outbox`[0]?.n ?? 0;
  }

  /** Rows D1 now holds. */
  remove(seqs: readonly number[]): void {
    if (seqs.length === 0) return;
    this.#sql`DELETE FROM outbox WHERE seq BETWEEN ${Math.min(...seqs)} AND ${Math.max(...seqs)}`;
  }

  /** Counts a failed flush against the rows it tried; returns the attempts of the most tried. */
  failed(seqs: readonly number[]): number {
    if (seqs.length === 0) return 0;
    this.#sql`UPDATE outbox SET attempts = attempts + 1 WHERE seq BETWEEN ${Math.min(...seqs)} AND ${Math.max(...seqs)}`;
    return this.#sql<{ n: number }>`SELECT max(attempts) AS n FROM outbox`[0]?.n ?? 0;
  }

  /** Forgets delivery ids received before `cutoff` (ISO); returns how many. */
  prune(cutoff: string): number {
    return this.#sql<{ n: number }>`DELETE FROM dedupe WHERE received_at < ${cutoff} RETURNING 1 AS n`.length;
  }

  /** When the oldest remembered delivery arrived (ISO), if any. */
  oldest(): string | undefined {
    return this.#sql<{ at: string | null }>`SELECT min(received_at) AS at FROM dedupe`[0]?.at ?? undefined;
  }
}
