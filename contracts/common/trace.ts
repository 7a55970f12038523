import { z } from "zod";
import { Actor } from "../intent.ts";
import { StepId } from "../plan.ts";
import { ContractKey, Digest, ExecutionId, TenantId, Timestamp, TraceId } from "./ids.ts";

/**
 * One link of an execution's hash chain. `hash = sha256(canonical(event without hash))`, and
 * `prevHash` is the previous event's hash (64 zeros for the first), so any edit breaks the chain.
 */
export const TraceEvent = z.strictObject({
  traceId: TraceId,
  executionId: ExecutionId,
  seq: z.number().int().min(0).describe("Position in the chain, gap-free"),
  type: ContractKey.describe("Key of the event contract, e.g. `controlPlane.execution.step.blocked`"),
  at: Timestamp,
  tenantId: TenantId,
  actor: Actor,
  sessionId: z.string().max(200).optional().describe("Channel session or thread the event belongs to"),
  capabilitySource: z
    .string()
    .max(200)
    .optional()
    .describe("Where the capability used came from: `core` or a skill as `<publisher>/<skill>@<version>`"),
  stepId: StepId.optional(),
  payloadDigest: Digest.describe("Digest of the canonical event payload"),
  payloadRef: z.string().max(500).optional().describe("Where the full payload is stored (R2 key)"),
  prevHash: Digest,
  hash: Digest,
});
export type TraceEvent = z.infer<typeof TraceEvent>;

/**
 * What the server found when it read an event's payload. A `tampered` or `missing` payload is never served
 * and raises a drift alert (`trace_payload_tampered`).
 */
export const PayloadStatus = z
  .enum(["verified", "pruned", "missing", "tampered"])
  .describe(
    "`verified`: served, and its canonical digest is the event's payloadDigest; `pruned`: removed by retention; " +
      "`missing`: its stored object is gone though retention did not remove it; `tampered`: stored, but absent from " +
      "its segment or not matching payloadDigest, so not served",
  );
export type PayloadStatus = z.infer<typeof PayloadStatus>;

/** A trace event as served, with its payload when the caller asked for payloads and it is still stored. */
export const TraceEntry = z.strictObject({
  ...TraceEvent.shape,
  payload: z.unknown().optional().describe("The event payload, matching the event contract's payload schema"),
  payloadPruned: z
    .literal(true)
    .optional()
    .describe("Present when retention (TRACE_RETENTION_DAYS) removed the full payload; its digest still verifies the chain"),
  payloadStatus: PayloadStatus.optional().describe("Present when payloads were asked for: what reading this event's payload found"),
  payloadRedacted: z
    .literal(true)
    .optional()
    .describe("Present when provider credentials (a Slack `response_url`) were removed from the payload as served: it no longer matches `payloadDigest`, which still verifies the chain"),
});
export type TraceEntry = z.infer<typeof TraceEntry>;

export const ChainVerification = z.strictObject({
  valid: z.boolean().describe("Every hash recomputed and every link matched, from seq 0 to the last event served"),
  checkedThroughSeq: z.number().int().min(-1).describe("Last seq checked; -1 for an empty trace"),
  brokenAtSeq: z.number().int().min(0).nullable().describe("First seq whose hash or link does not match"),
});
export type ChainVerification = z.infer<typeof ChainVerification>;
