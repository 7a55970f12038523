import type { TraceEvent } from "../../../contracts/common/trace.ts";
import type { ReplayReport } from "../../../durable-objects/replay-execution.ts";
import type { ChainResult } from "../../../engine/trace.ts";
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

export type CheckedReplay = { chain: ChainResult; report?: ReplayReport; codeVersion?: { recorded: string | null; current: string | null } };

/** The chain check and, when it holds, the replay, in one call to the execution's Durable Object. */
export async function replayOf(stub: Stub): Promise<CheckedReplay> {
  return JSON.parse(await stub.replayJson()) as CheckedReplay;
}
