import type { TraceEntry } from "../../contracts/common/trace.ts";
import type { ChainResult } from "../../engine/trace.ts";
import type { FullTrace } from "../trace/fetch.ts";
import { fields, orDash, table } from "./table.ts";

export function traceTable(trace: FullTrace): string {
  const rows = trace.events.map((e: TraceEntry) => [
    String(e.seq),
    e.at,
    e.type.replace(/^controlPlane\./, ""),
    `${e.actor.type}:${e.actor.id}`,
    orDash(e.stepId),
    e.hash.slice(0, 12),
  ]);
  return [
    fields([
      ["trace", trace.traceId],
      ["execution", trace.executionId],
      ["events", String(trace.events.length)],
      ["chain (server)", chainLine(trace.chain.valid, trace.chain.brokenAtSeq)],
    ]),
    "",
    table(["SEQ", "AT", "TYPE", "ACTOR", "STEP", "HASH"], rows, "no events"),
  ].join("\n");
}

function chainLine(valid: boolean, brokenAt: number | null): string {
  return valid ? "valid" : `BROKEN at seq ${orDash(brokenAt)}`;
}

export function verifyReport(trace: FullTrace, local: ChainResult): string {
  return fields([
    ["trace", trace.traceId],
    ["events", String(trace.events.length)],
    ["server", chainLine(trace.chain.valid, trace.chain.brokenAtSeq)],
    ["local", local.ok ? "valid (every hash recomputed here)" : `BROKEN at seq ${local.brokenAt}: ${local.reason}`],
  ]);
}
