import { z } from "zod";
import type { CompiledPlan } from "../../contracts/plan.ts";
import { MachineInput } from "../executor/input.ts";
import type { ExecutionState } from "../executor/state.ts";
import type { PolicyDecider } from "../policy/types.ts";

/** One input as the shell fed it to `transition`, with the `now` it passed. */
export const RecordedInput = z.object({ now: z.string(), input: MachineInput });
export type RecordedInput = z.infer<typeof RecordedInput>;

/** An executor event as the trace keeps it: a chained TraceEvent has exactly these fields. */
export const RecordedEvent = z.object({
  type: z.string(),
  stepId: z.string().optional(),
  payloadDigest: z.string(),
});
export type RecordedEvent = z.infer<typeof RecordedEvent>;

export interface RecordedExecution {
  /** Every input fed to the machine, in order, ignored ones included. */
  inputs: RecordedInput[];
  /** Every event the machine emitted, in order. */
  events: RecordedEvent[];
  /** The persisted final state, for a field-by-field comparison; or only its digest. */
  finalState?: ExecutionState | null;
  finalStateDigest?: string;
}

export interface ReplayDeps {
  /** The policy in force for the execution, rebuilt from its recorded version. */
  decide: PolicyDecider;
  /** A recompiled plan to run instead of the recorded one (compare them first with `comparePlans`). */
  plan?: CompiledPlan;
  /** Stop listing differences after this many (default 100). */
  maxDiffs?: number;
}

/**
 * One difference. `scope` says what `index` counts: the event position for `event`, the input position
 * for `input`, and nothing (null) for `plan` and `state`, where `field` is a path inside the value
 * (`$.steps[2].verdict.policyHash`).
 */
export interface ReplayDiff {
  scope: "plan" | "input" | "event" | "state";
  index: number | null;
  field: string;
  expected: unknown;
  actual: unknown;
}

export type ReplayResult =
  | { status: "consistent"; eventCount: number; finalStateDigest: string | null }
  | { status: "diverged"; diff: ReplayDiff[]; truncated: boolean };
