import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../contracts/common/trace.ts";
import { hashEvent, verifyChain } from "../../engine/trace.ts";
import { buildChain } from "./support/trace.ts";

const FIELDS = [
  "traceId", "executionId", "seq", "type", "at", "tenantId", "actor.type", "actor.id", "sessionId",
  "capabilitySource", "stepId", "payloadDigest", "payloadRef", "prevHash", "hash",
] as const;
type Field = (typeof FIELDS)[number];

/** A replacement for one field: another value of any JSON kind, or removing the field. */
const replacement = fc.oneof(
  fc.string({ maxLength: 70 }),
  fc.stringMatching(/^[0-9a-f]{64}$/),
  fc.integer({ min: -2, max: 20 }),
  fc.constantFrom(null, true, "human", "agent", "controlPlane.execution.failed", "2026-03-01T12:00:00.000Z"),
  fc.constant(undefined),
);

function read(event: TraceEvent, field: Field): unknown {
  return field === "actor.type" ? event.actor.type : field === "actor.id" ? event.actor.id : event[field];
}

function mutate(event: TraceEvent, field: Field, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(event);
  if (field === "actor.type" || field === "actor.id") {
    copy.actor = { ...event.actor, [field.slice(6)]: value };
  } else if (value === undefined) {
    delete copy[field];
  } else {
    copy[field] = value;
  }
  return copy;
}

const mutation = fc
  .record({
    length: fc.integer({ min: 1, max: 8 }),
    at: fc.nat(),
    field: fc.constantFrom(...FIELDS),
    value: replacement,
  })
  .map(({ length, at, field, value }) => ({ chain: buildChain(length), index: at % length, field, value }))
  .filter(({ chain, index, field, value }) => {
    const event = chain[index];
    return event !== undefined && read(event, field) !== value;
  });

describe("trace chain properties", () => {
  it("any single-field change to any event breaks verification", () => {
    fc.assert(
      fc.property(mutation, ({ chain, index, field, value }) => {
        const events: unknown[] = [...chain];
        events[index] = mutate(chain[index] as TraceEvent, field, value);
        expect(verifyChain(events).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("with the head recorded, a change stays detected even when the forger rehashes the event", () => {
    fc.assert(
      fc.property(mutation.filter(({ field }) => field !== "hash"), ({ chain, index, field, value }) => {
        const last = chain[chain.length - 1] as TraceEvent;
        const forged = mutate(chain[index] as TraceEvent, field, value);
        const events: unknown[] = [...chain];
        try {
          events[index] = { ...forged, hash: hashEvent(forged as TraceEvent) };
        } catch {
          events[index] = forged; // a value with no canonical form cannot even be hashed
        }
        expect(verifyChain(events, { expectedHead: { seq: last.seq, hash: last.hash } }).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
