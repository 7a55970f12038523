import { TraceEvent } from "../contracts/common/trace.ts";
import { digestOf } from "./hash.ts";

export const GENESIS_PREV_HASH = "0".repeat(64);

/** What the caller says about an event; the chain fields (seq, prevHash, hash) are the chain's to set. */
export type TraceEventFields = Omit<TraceEvent, "seq" | "prevHash" | "hash">;

export class TraceChainError extends Error {
  override readonly name = "TraceChainError";
}

/** sha256(canonical(event without hash)). Absent optional fields are absent from the hashed form. */
export function hashEvent(event: Omit<TraceEvent, "hash"> & { hash?: string }): string {
  const { hash: _own, ...rest } = event;
  return digestOf(rest);
}

/**
 * The next link of a chain: seq 0 and a genesis prevHash of 64 zeros when `prev` is undefined.
 * A chain belongs to one trace, execution and tenant; an event for another is refused.
 */
export function appendEvent(prev: TraceEvent | undefined, fields: TraceEventFields): TraceEvent {
  if (prev && (prev.traceId !== fields.traceId || prev.executionId !== fields.executionId || prev.tenantId !== fields.tenantId)) {
    throw new TraceChainError(
      `event for ${fields.tenantId}/${fields.executionId}/${fields.traceId} cannot follow one of ${prev.tenantId}/${prev.executionId}/${prev.traceId}`,
    );
  }
  const unhashed = withoutUndefined({
    ...fields,
    seq: prev ? prev.seq + 1 : 0,
    prevHash: prev ? prev.hash : GENESIS_PREV_HASH,
  });
  return TraceEvent.parse({ ...unhashed, hash: hashEvent(unhashed) });
}

export type ChainResult = { ok: true } | { ok: false; brokenAt: number; reason: string };

export interface VerifyChainOptions {
  /**
   * The last link as recorded elsewhere (e.g. the execution's index row). Without it, dropping events from
   * the end of a chain, or rewriting the last one with a fresh hash, leaves a shorter chain that still verifies.
   */
  expectedHead?: { seq: number; hash: string };
}

/**
 * Recomputes the chain from seq 0. `brokenAt` is the first seq that does not hold: a modified event fails
 * its own hash; a deleted, inserted or reordered one fails the seq or prevHash of the event where it happened.
 */
export function verifyChain(events: readonly unknown[], options: VerifyChainOptions = {}): ChainResult {
  let prev: TraceEvent | undefined;
  for (const [i, raw] of events.entries()) {
    const parsed = TraceEvent.safeParse(raw);
    if (!parsed.success) return { ok: false, brokenAt: i, reason: `event ${i} is malformed: ${parsed.error.issues[0]?.message ?? "invalid"}` };
    const event = parsed.data;
    if (event.seq !== i) return { ok: false, brokenAt: i, reason: `expected seq ${i}, found ${event.seq}` };
    if (hashEvent(event) !== event.hash) return { ok: false, brokenAt: i, reason: `event ${i} does not match its hash` };
    const expectedPrev = prev ? prev.hash : GENESIS_PREV_HASH;
    if (event.prevHash !== expectedPrev) return { ok: false, brokenAt: i, reason: `event ${i} does not link to the event before it` };
    if (prev && (event.traceId !== prev.traceId || event.executionId !== prev.executionId || event.tenantId !== prev.tenantId)) {
      return { ok: false, brokenAt: i, reason: `event ${i} belongs to another trace, execution or tenant` };
    }
    prev = event;
  }
  const head = options.expectedHead;
  if (head) {
    const lastSeq = prev ? prev.seq : -1;
    if (lastSeq !== head.seq) {
      return { ok: false, brokenAt: Math.min(lastSeq + 1, head.seq), reason: `the chain ends at seq ${lastSeq}, the recorded head is seq ${head.seq}` };
    }
    if (prev && prev.hash !== head.hash) return { ok: false, brokenAt: prev.seq, reason: `the last event is not the recorded head` };
  }
  return { ok: true };
}

/**
 * Whether the head D1's index recorded is a link of the chain the caller verified (its hashes by
 * seq): a chain rewritten or cut short in the object after it was indexed fails here. Two values, no hashing.
 */
export function headMatchesLinks(head: { seq: number; hash: string } | undefined, hashes: readonly string[]): ChainResult {
  if (head === undefined) return { ok: true };
  // The findings read as verifyChain's against the same head, so a replay and a trace read raise one alert.
  if (head.seq >= hashes.length) return { ok: false, brokenAt: hashes.length, reason: `the chain ends at seq ${hashes.length - 1}, the recorded head is seq ${head.seq}` };
  if (hashes[head.seq] !== head.hash) return { ok: false, brokenAt: head.seq, reason: "the last event is not the recorded head" };
  return { ok: true };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
