import type { TraceEvent } from "../contracts/common/trace.ts";
import type { RecordedInput } from "../engine/replay/types.ts";
import type { CompiledPlan } from "../contracts/plan.ts";
import type { ExecutionState } from "../engine/executor/state.ts";
import { type Sql, sqlOf } from "./sql.ts";
import { decodeState, encodeState } from "./state-document.ts";

const SCHEMA_VERSION = 1;

/**
 * The ExecutionDO's SQLite: named JSON documents (intent, plan, machine state…), the machine's input
 * log (what replay re-runs), and the trace chain with a flag for what still has to reach D1 and R2.
 */
export class ExecutionStore {
  readonly #sql: Sql;
  readonly #storage: DurableObjectStorage;
  readonly #cache = new Map<string, unknown>();
  /** Documents set inside the current transaction, written once when it ends (a transition sets "state" often). */
  readonly #dirty = new Set<string>();
  #depth = 0;
  /** The chain's last link as last read or appended; `undefined` until read. */
  #last: TraceEvent | null | undefined = undefined;
  #ready = false;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    this.#sql = sqlOf(storage.sql);
  }

  /**
   * Idempotent; cheap on every wake. An object holding nothing (not started yet, or emptied after its
   * archive was written) stays empty: reads answer as for no execution, writes fail, and only `create`
   * (at start) makes its tables. A purged object woken by a stray call recreates nothing.
   */
  migrate(): void {
    this.#ready = this.#sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'meta'`[0]?.n === 1;
    if (this.#ready) this.#upgrade();
  }

  /** Makes the tables of a new execution. */
  create(): void {
    this.forget();
    this.#sql`CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`;
    this.#ready = true;
    this.#upgrade();
  }

  /** Whether this object holds an execution's tables. */
  get ready(): boolean {
    return this.#ready;
  }

  /** After `deleteAll()`: the object holds nothing again. */
  emptied(): void {
    this.forget();
    this.#ready = false;
  }

  #upgrade(): void {
    const sql = this.#sql;
    const version = Number(this.get<number>("schemaVersion") ?? 0);
    if (version >= SCHEMA_VERSION) return;
    sql`CREATE TABLE IF NOT EXISTS inputs (seq INTEGER PRIMARY KEY, now TEXT NOT NULL, input TEXT NOT NULL)`;
    sql`CREATE TABLE IF NOT EXISTS events (
      seq INTEGER PRIMARY KEY,
      event TEXT NOT NULL,
      payload TEXT NOT NULL,
      from_machine INTEGER NOT NULL,
      mirrored INTEGER NOT NULL DEFAULT 0
    )`;
    sql`CREATE INDEX IF NOT EXISTS events_unmirrored ON events (mirrored) WHERE mirrored = 0`;
    this.set("schemaVersion", SCHEMA_VERSION);
  }

  transaction<T>(fn: () => T): T {
    this.#depth++;
    try {
      return this.#storage.transactionSync(() => {
        const result = fn();
        if (this.#depth === 1) this.#flush();
        return result;
      });
    } catch (error) {
      this.forget();
      throw error;
    } finally {
      this.#depth--;
    }
  }

  /**
   * Documents are read many times per transition (the state of a 100-step plan is large), so each is
   * parsed once and kept; every write goes through `set`, which keeps the copy current. Callers must
   * not mutate what they get: the machine never does, it returns new objects.
   */
  get<T>(key: string): T | undefined {
    if (this.#cache.has(key)) return this.#cache.get(key) as T | undefined;
    if (!this.#ready) return undefined;
    const [row] = this.#sql<{ v: string }>`SELECT v FROM meta WHERE k = ${key}`;
    const value = row === undefined ? undefined : key === "state" ? (decodeState<ExecutionState>(row.v, this.get<CompiledPlan>("plan")) as T) : (JSON.parse(row.v) as T);
    this.#cache.set(key, value);
    return value;
  }

  set(key: string, value: unknown): void {
    this.#cache.set(key, value);
    this.#dirty.add(key);
    if (this.#depth === 0) this.#flush();
  }

  #flush(): void {
    for (const key of this.#dirty) {
      const value = this.#cache.get(key);
      const text = key === "state" ? encodeState(value as ExecutionState) : JSON.stringify(value);
      this.#sql`INSERT INTO meta (k, v) VALUES (${key}, ${text}) ON CONFLICT (k) DO UPDATE SET v = excluded.v`;
    }
    this.#dirty.clear();
  }

  /** A failed transaction leaves SQLite as it was; the cached copies must follow. */
  forget(): void {
    this.#cache.clear();
    this.#dirty.clear();
    this.#last = undefined;
  }

  /** Every named document as stored (the machine state in its stored form, which names its plan by digest). */
  documents(): Record<string, unknown> {
    if (!this.#ready) return {};
    const rows = this.#sql<{ k: string; v: string }>`SELECT k, v FROM meta WHERE k != 'schemaVersion' ORDER BY k`;
    return Object.fromEntries(rows.map((r) => [r.k, JSON.parse(r.v) as unknown]));
  }

  appendInput(record: RecordedInput): void {
    this.#sql`INSERT INTO inputs (now, input) VALUES (${record.now}, ${JSON.stringify(record.input)})`;
  }

  inputs(): RecordedInput[] {
    if (!this.#ready) return [];
    return this.#sql<{ now: string; input: string }>`SELECT now, input FROM inputs ORDER BY seq`.map((r) => ({
      now: r.now,
      input: JSON.parse(r.input) as RecordedInput["input"],
    }));
  }

  appendEvent(event: TraceEvent, payload: unknown, fromMachine: boolean): void {
    this.#sql`INSERT INTO events (seq, event, payload, from_machine) VALUES (${event.seq}, ${JSON.stringify(event)}, ${JSON.stringify(payload)}, ${fromMachine ? 1 : 0})`;
    this.#last = event;
  }

  lastEvent(): TraceEvent | undefined {
    if (!this.#ready) return undefined;
    if (this.#last === undefined) {
      const [row] = this.#sql<{ event: string }>`SELECT event FROM events ORDER BY seq DESC LIMIT 1`;
      this.#last = row === undefined ? null : (JSON.parse(row.event) as TraceEvent);
    }
    return this.#last ?? undefined;
  }

  events(): { event: TraceEvent; payload: unknown; fromMachine: boolean; mirrored: boolean }[] {
    if (!this.#ready) return [];
    return this.#sql<{ event: string; payload: string; from_machine: number; mirrored: number }>`SELECT event, payload, from_machine, mirrored FROM events ORDER BY seq`.map(
      (r) => ({
        event: JSON.parse(r.event) as TraceEvent,
        payload: JSON.parse(r.payload) as unknown,
        fromMachine: r.from_machine === 1,
        mirrored: r.mirrored === 1,
      }),
    );
  }

  unmirrored(): { event: TraceEvent; payload: string }[] {
    if (!this.#ready) return [];
    return this.#sql<{ event: string; payload: string }>`SELECT event, payload FROM events WHERE mirrored = 0 ORDER BY seq`.map((r) => ({
      event: JSON.parse(r.event) as TraceEvent,
      payload: r.payload,
    }));
  }

  /** Digest and payload JSON of every event with `from <= seq <= to`: the content of one payload segment. */
  payloadsBetween(from: number, to: number): { digest: string; payload: string }[] {
    if (!this.#ready) return [];
    return this.#sql<{ event: string; payload: string }>`SELECT event, payload FROM events WHERE seq >= ${from} AND seq <= ${to} ORDER BY seq`.map((r) => ({
      digest: (JSON.parse(r.event) as TraceEvent).payloadDigest,
      payload: r.payload,
    }));
  }

  unmirroredCount(): number {
    if (!this.#ready) return 0;
    const [row] = this.#sql<{ n: number }>`SELECT count(*) AS n FROM events WHERE mirrored = 0`;
    return row?.n ?? 0;
  }

  markMirrored(throughSeq: number): void {
    this.#sql`UPDATE events SET mirrored = 1 WHERE seq <= ${throughSeq} AND mirrored = 0`;
  }
}
