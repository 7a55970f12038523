import { z } from "zod";
import { invalidCursor } from "../common/errors.ts";
import { ExecutionId, TraceId } from "../common/ids.ts";
import { Cursor, pageLimit } from "../common/pagination.ts";
import { ChainVerification, TraceEntry } from "../common/trace.ts";
import { defineOperation } from "../define.ts";

export const TraceGetInput = z.strictObject({
  traceId: TraceId,
  limit: pageLimit(500, 100),
  cursor: Cursor.optional(),
  includePayloads: z
    .stringbool()
    .default(false)
    .describe("`true` to include each event's stored payload"),
});
export type TraceGetInput = z.infer<typeof TraceGetInput>;

export const TraceGetOutput = z.strictObject({
  traceId: TraceId,
  executionId: ExecutionId,
  events: z.array(TraceEntry).describe("Events in seq order"),
  nextCursor: Cursor.nullable().describe("Cursor for the following events; `null` at the end of the trace so far"),
  chain: ChainVerification,
});
export type TraceGetOutput = z.infer<typeof TraceGetOutput>;

export const traceGet = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.trace.get",
    version: "1.3.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["trace", "audit"],
    description: "Read an execution's hash-chained trace, with the chain verified by the server.",
    goal: "Provides the tamper-evident record of every state change, for audit and for debugging.",
    context:
      "Events come in seq order; the server recomputes every hash from seq 0 up to the last event served and " +
      "reports the first break. Clients can check the chain themselves: hash = sha256(canonical(event without " +
      "hash)). Payloads whose retention ended are omitted even when asked for and the event says `payloadPruned: " +
      "true`; their digests remain, so the chain still verifies. With `includePayloads`, every payload read is " +
      "checked against its event's payloadDigest and each event says what was found (`payloadStatus`): a payload " +
      "that is missing or does not match is not served and raises a `trace_payload_tampered` drift alert. The " +
      "chain is checked against the head kept by its writer (the execution's Durable Object, or the tenant's " +
      "registry trace object), so an execution whose events were all deleted answers with a broken chain, not 404. " +
      "A key whose audit grant is narrowed (and that holds no unnarrowed admin grant) reads only the traces of " +
      "executions its principal requested; other traces, and the skill registry's, answer TRACE_NOT_FOUND as if they " +
      "did not exist. Provider credentials (a Slack `response_url`) are removed from served payloads, marked " +
      "`payloadRedacted: true`. After TRACE_RETENTION_DAYS a finished execution is archived: its trace is then served " +
      "from one R2 object whose digest and whole chain are checked against the execution's index row first; an archive " +
      "that is gone, altered or broken is refused (ARCHIVE_MISSING, ARCHIVE_DIGEST_MISMATCH, TRACE_CHAIN_BROKEN), never served.",
  },
  input: TraceGetInput,
  output: TraceGetOutput,
  errors: [
    { code: "TRACE_NOT_FOUND", status: 404, when: "no trace with this id exists in the caller's tenant, or the caller may not see it" },
    invalidCursor,
    { code: "ARCHIVE_MISSING", status: 409, when: "the execution was archived and its archive object is gone" },
    { code: "ARCHIVE_DIGEST_MISMATCH", status: 409, when: "the execution's archive does not hash to the digest its index row recorded" },
    { code: "TRACE_CHAIN_BROKEN", status: 409, when: "the archived trace fails hash-chain verification against the head its index row recorded" },
  ],
  capability: "control-plane.audit",
  http: { method: "GET", path: "/v1/traces/{traceId}" },
  emits: [],
});
