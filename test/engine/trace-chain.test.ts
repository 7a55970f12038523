import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../contracts/common/trace.ts";
import { digestOf } from "../../engine/hash.ts";
import { GENESIS_PREV_HASH, TraceChainError, appendEvent, hashEvent, verifyChain } from "../../engine/trace.ts";
import { buildChain, eventFields } from "./support/trace.ts";

describe("trace chain", () => {
  it("starts at seq 0 with a genesis prevHash of 64 zeros and links each event to the one before", () => {
    const [first, second] = buildChain(2);
    expect(first).toMatchObject({ seq: 0, prevHash: GENESIS_PREV_HASH });
    expect(second).toMatchObject({ seq: 1, prevHash: first?.hash });
  });

  it("hashes the canonical event without its hash, leaving out absent optional fields", () => {
    const event = appendEvent(undefined, { ...eventFields(0), sessionId: undefined });
    const { hash, ...rest } = event;
    expect(hash).toBe(digestOf(rest));
    expect(hashEvent(event)).toBe(hash);
    expect("sessionId" in event).toBe(false);
  });

  it("verifies an intact chain, and an empty one", () => {
    expect(verifyChain(buildChain(5))).toEqual({ ok: true });
    expect(verifyChain([])).toEqual({ ok: true });
  });

  it("detects a modified event", () => {
    const chain = buildChain(5);
    chain[2] = { ...(chain[2] as TraceEvent), type: "controlPlane.execution.step.approved" };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringContaining("hash") });
  });

  it("detects a modified event whose hash was recomputed, at the next link", () => {
    const chain = buildChain(5);
    const forged = { ...(chain[2] as TraceEvent), at: "2026-03-01T13:00:00.000Z" };
    chain[2] = { ...forged, hash: hashEvent(forged) };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining("link") });
  });

  it("detects a deleted event", () => {
    const chain = buildChain(5);
    chain.splice(2, 1);
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it("detects a deleted first event", () => {
    expect(verifyChain(buildChain(3).slice(1))).toMatchObject({ ok: false, brokenAt: 0 });
  });

  it("detects reordered events", () => {
    const chain = buildChain(5);
    const [a, b] = [chain[1] as TraceEvent, chain[2] as TraceEvent];
    chain[1] = b;
    chain[2] = a;
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it("detects an inserted event, even one built to chain from its predecessor", () => {
    const chain = buildChain(5);
    const inserted = appendEvent(chain[1], eventFields(99));
    chain.splice(2, 0, inserted);
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it("detects events dropped from the end only against a recorded head", () => {
    const chain = buildChain(5);
    const head = { seq: 4, hash: (chain[4] as TraceEvent).hash };
    expect(verifyChain(chain, { expectedHead: head })).toEqual({ ok: true });
    expect(verifyChain(chain.slice(0, 3))).toEqual({ ok: true });
    expect(verifyChain(chain.slice(0, 3), { expectedHead: head })).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it("detects a rewritten last event against a recorded head", () => {
    const chain = buildChain(3);
    const head = { seq: 2, hash: (chain[2] as TraceEvent).hash };
    chain[2] = appendEvent(chain[1], { ...eventFields(2), type: "controlPlane.execution.completed" });
    expect(verifyChain(chain)).toEqual({ ok: true });
    expect(verifyChain(chain, { expectedHead: head })).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it("refuses to append an event of another execution", () => {
    const [first] = buildChain(1);
    expect(() => appendEvent(first, { ...eventFields(1), executionId: "ex_other" })).toThrow(TraceChainError);
  });

  it("reports a malformed event", () => {
    const chain: unknown[] = buildChain(2);
    chain[1] = { ...(chain[1] as TraceEvent), hash: "not-a-hash" };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringContaining("malformed") });
  });
});
