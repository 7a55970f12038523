import { DurableObject } from "cloudflare:workers";
import { and, desc, eq } from "drizzle-orm";
import type { TraceEvent } from "../contracts/common/trace.ts";
import { appendEvent, type TraceEventFields } from "../engine/trace.ts";
import { traceEvents } from "../schema/index.ts";
import { database } from "../runtime/db.ts";
import type { Env } from "../workers/env.ts";
import { eventOfRow, rowOfEvent } from "../workers/trace/event-row.ts";
import { type Sql, sqlOf } from "./sql.ts";

/** What a registry event's writer says; the chain (seq, prevHash, hash) and its ids are this object's to set. */
export type RegistryEventFields = Omit<TraceEventFields, "traceId" | "executionId" | "tenantId">;

/**
 * The one writer of a tenant's skill registry trace (`sr_<tenantId>`, one object per tenant). Its SQLite
 * keeps the chain's head, the last link it appended, so a reader can tell a truncated or rewritten D1
 * chain from a sound one: D1 is where the links are read, this object is what they are checked against.
 *
 * An append is written ahead as `pending`, inserted into D1, then made the head. If the call fails in
 * between (the object evicted, a D1 answer lost), the next call settles it from what D1 holds: the link
 * there becomes the head, a link that never landed is dropped (its caller saw the failure). So the head
 * never names a link D1 was not given, and D1 never holds a link the head has not caught up with for long.
 */
export class RegistryTraceDO extends DurableObject<Env> {
  readonly #sql: Sql;
  /** Calls run one after another: each awaits D1, and the next link must follow the one before it. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = sqlOf(ctx.storage.sql);
    this.#sql`CREATE TABLE IF NOT EXISTS anchor (k TEXT PRIMARY KEY, v TEXT NOT NULL)`;
  }

  append(tenantId: string, traceId: string, fields: RegistryEventFields): Promise<TraceEvent> {
    return this.#serial(async () => {
      const prev = await this.#settledHead(tenantId, traceId);
      const event = appendEvent(prev ?? undefined, { ...fields, traceId, executionId: traceId, tenantId });
      this.#put("pending", event);
      await this.#land(event);
      return event;
    });
  }

  /** The chain's last link as this object appended it (seq and hash), or null for a trace with no links. */
  head(tenantId: string, traceId: string): Promise<{ seq: number; hash: string } | null> {
    return this.#serial(async () => {
      const head = await this.#settledHead(tenantId, traceId);
      return head === null ? null : { seq: head.seq, hash: head.hash };
    });
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The head after finishing an append that stopped midway; adopted from D1 for a chain written before this object existed. */
  async #settledHead(tenantId: string, traceId: string): Promise<TraceEvent | null> {
    const pending = this.#get("pending");
    if (pending !== undefined && pending !== null) {
      if (await this.#holds(pending)) this.#promote(pending);
      else this.#sql`DELETE FROM anchor WHERE k = 'pending'`;
    }
    const head = this.#get("head");
    if (head !== undefined) return head;
    // Trust on first use: a chain recorded before heads were kept is anchored at its last D1 link, once.
    const [last] = await database(this.env.DB)
      .select()
      .from(traceEvents)
      .where(and(eq(traceEvents.traceId, traceId), eq(traceEvents.tenantId, tenantId)))
      .orderBy(desc(traceEvents.seq))
      .limit(1);
    const adopted = last === undefined ? null : eventOfRow(last);
    this.#put("head", adopted);
    return adopted;
  }

  /**
   * Inserts the pending link into D1 and makes it the head. If D1 already holds another link at that seq,
   * something else wrote there: the append fails and the head stays where it was, so reads report the
   * chain broken at that seq.
   */
  async #land(event: TraceEvent): Promise<void> {
    const inserted = await database(this.env.DB).insert(traceEvents).values(rowOfEvent(event)).onConflictDoNothing().returning({ seq: traceEvents.seq });
    if (inserted.length === 0 && !(await this.#holds(event))) {
      this.#sql`DELETE FROM anchor WHERE k = 'pending'`;
      throw new Error(`${event.traceId} already holds another link at seq ${event.seq}; the registry trace needs an operator (docs/runbooks/incident-trace-replay.md)`);
    }
    this.#promote(event);
  }

  /** D1 holds exactly this link at its seq. */
  async #holds(event: TraceEvent): Promise<boolean> {
    const [existing] = await database(this.env.DB)
      .select({ hash: traceEvents.hash })
      .from(traceEvents)
      .where(and(eq(traceEvents.traceId, event.traceId), eq(traceEvents.seq, event.seq)));
    return existing?.hash === event.hash;
  }

  #promote(event: TraceEvent): void {
    this.ctx.storage.transactionSync(() => {
      this.#put("head", event);
      this.#sql`DELETE FROM anchor WHERE k = 'pending'`;
    });
  }

  #get(key: "head" | "pending"): TraceEvent | null | undefined {
    const [row] = this.#sql<{ v: string }>`SELECT v FROM anchor WHERE k = ${key}`;
    return row === undefined ? undefined : (JSON.parse(row.v) as TraceEvent | null);
  }

  #put(key: "head" | "pending", event: TraceEvent | null): void {
    this.#sql`INSERT INTO anchor (k, v) VALUES (${key}, ${JSON.stringify(event)}) ON CONFLICT (k) DO UPDATE SET v = excluded.v`;
  }
}
