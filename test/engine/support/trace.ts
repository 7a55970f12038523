import type { TraceEvent } from "../../../contracts/common/trace.ts";
import { digestOf } from "../../../engine/hash.ts";
import { type TraceEventFields, appendEvent } from "../../../engine/trace.ts";

const TYPES = [
  "controlPlane.intent.received",
  "controlPlane.plan.compiled",
  "controlPlane.execution.started",
  "controlPlane.execution.step.started",
  "controlPlane.execution.step.completed",
] as const;

/** The fields of the n-th event of one execution; every optional field set, so mutations have something to hit. */
export function eventFields(n: number): TraceEventFields {
  return {
    traceId: "tr_1",
    executionId: "ex_1",
    type: TYPES[n % TYPES.length] ?? "controlPlane.intent.received",
    at: new Date(Date.UTC(2026, 2, 1, 12, 0, n)).toISOString(),
    tenantId: "acme",
    actor: { type: "service", id: "executor" },
    sessionId: "slack:T1:C1:1700000000.000100",
    capabilitySource: "core",
    stepId: "st_0123456789abcdef01234567",
    payloadDigest: digestOf({ n }),
    payloadRef: `traces/acme/ex_1/${n}.json`,
  };
}

export function buildChain(length: number): TraceEvent[] {
  const chain: TraceEvent[] = [];
  for (let n = 0; n < length; n++) chain.push(appendEvent(chain[n - 1], eventFields(n)));
  return chain;
}
