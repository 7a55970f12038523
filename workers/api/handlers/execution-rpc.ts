import type { TraceEvent } from "../../../contracts/common/trace.ts";
import type { TamperedPayload } from "../../../durable-objects/recorded-payloads.ts";
import type { ReplayReport } from "../../../durable-objects/replay-execution.ts";
import type { LiveReplayAnswer } from "../../../durable-objects/live-replay.ts";
import type { ChainResult } from "../../../engine/trace.ts";
import type { ArchiveRef, OpenedArchive } from "../../../engine/trace-archive.ts";
import type { executionStub } from "./execution-stub.ts";

type Stub = ReturnType<typeof executionStub>;

/** The execution's trace as its Durable Object holds it: every link, with its full payload. */
export interface StoredLink {
  event: TraceEvent;
  payload: unknown;
  /** Already copied to D1 and R2. */
  mirrored: boolean;
}

export async function traceOf(stub: Stub): Promise<StoredLink[]> {
  return JSON.parse(await stub.traceJson()) as StoredLink[];
}

/** The chain check, then the payload check, and when both hold the replay. */
export type CheckedReplay = {
  chain: ChainResult;
  /** Whether the head D1's index recorded is a link of the verified chain (absent for an archive: openArchive checked it). */
  head?: ChainResult;
  tampered?: TamperedPayload[];
  report?: ReplayReport;
  /** The code version recorded at start next to the one answering now (version_metadata). */
  codeVersion?: { recorded: string | null; current: string | null };
};

/** The checks (the chain against `indexedHead` too) and, when they hold, the replay, in one call to the execution's Durable Object. */
export async function replayOf(stub: Stub, indexedHead: { seq: number; hash: string } | undefined): Promise<CheckedReplay> {
  return JSON.parse(await stub.replayJson(indexedHead === undefined ? {} : { indexedHead })) as CheckedReplay;
}

/** The planner's model asked again for `replay --live` (durable-objects/live-replay.ts). */
export async function liveReplayOf(stub: Stub): Promise<LiveReplayAnswer> {
  return JSON.parse(await stub.liveReplayJson()) as LiveReplayAnswer;
}

/** An archived execution's checks and replay, run by its (empty) object from the archive; `archive` when the archive does not check out. */
export async function archivedReplayOf(stub: Stub, request: { tenantId: string; executionId: string; ref: ArchiveRef }): Promise<CheckedReplay | { archive: Extract<OpenedArchive, { ok: false }> }> {
  return JSON.parse(await stub.replayArchivedJson(request)) as CheckedReplay | { archive: Extract<OpenedArchive, { ok: false }> };
}
