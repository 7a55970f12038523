import { type TransitionResult, transition } from "../executor/machine.ts";
import type { ExecutionState } from "../executor/state.ts";
import { canonical } from "../canonical.ts";
import { sha256Hex } from "../hash.ts";
import { jsonDiff } from "../json-diff.ts";
import { summarizeEvent } from "./summarize.ts";
import type { RecordedEvent, RecordedExecution, ReplayDeps, ReplayDiff, ReplayResult } from "./types.ts";

/**
 * Re-runs the executor from nothing on the recorded inputs (tool outcomes included, so no tool is
 * called) and compares every event and the final state with what was recorded.
 */
export function replay(recorded: RecordedExecution, deps: ReplayDeps): ReplayResult {
  const limit = deps.maxDiffs ?? 100;
  const diff: ReplayDiff[] = [];
  let truncated = false;
  const add = (d: ReplayDiff): void => {
    if (diff.length < limit) diff.push(d);
    else truncated = true;
  };

  let state: ExecutionState | null = null;
  const produced: RecordedEvent[] = [];
  for (const [i, { now, input }] of recorded.inputs.entries()) {
    const fed = input.kind === "start" && deps.plan !== undefined ? { ...input, plan: deps.plan } : input;
    try {
      const result: TransitionResult<ExecutionState | null> = transition(state, fed, now, { decide: deps.decide });
      state = result.state;
      for (const event of result.events) produced.push(summarizeEvent(event));
    } catch (error) {
      const actual = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      add({ scope: "input", index: i, field: input.kind, expected: "a transition", actual });
      return { status: "diverged", diff, truncated };
    }
  }

  compareEvents(recorded.events, produced, add);
  const finalCanonical = state === null ? null : canonical(state);
  const finalStateDigest = finalCanonical === null ? null : sha256Hex(finalCanonical);
  if (recorded.finalState !== undefined) {
    const expected = recorded.finalState === null ? null : canonical(recorded.finalState);
    if (expected !== finalCanonical) {
      const found = jsonDiff(recorded.finalState, state, limit);
      if (found.length === 0) add({ scope: "state", index: null, field: "$", expected, actual: finalCanonical });
      for (const d of found) add({ scope: "state", index: null, field: d.path, expected: d.expected, actual: d.actual });
    }
  } else if (recorded.finalStateDigest !== undefined && recorded.finalStateDigest !== finalStateDigest) {
    add({ scope: "state", index: null, field: "$", expected: recorded.finalStateDigest, actual: finalStateDigest });
  }

  if (diff.length > 0 || truncated) return { status: "diverged", diff, truncated };
  return { status: "consistent", eventCount: produced.length, finalStateDigest };
}

function compareEvents(expected: readonly RecordedEvent[], actual: readonly RecordedEvent[], add: (d: ReplayDiff) => void): void {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === undefined || a === undefined) {
      add({ scope: "event", index: i, field: "event", expected: e ?? null, actual: a ?? null });
      continue;
    }
    if (e.type !== a.type) add({ scope: "event", index: i, field: "type", expected: e.type, actual: a.type });
    if ((e.stepId ?? null) !== (a.stepId ?? null)) {
      add({ scope: "event", index: i, field: "stepId", expected: e.stepId ?? null, actual: a.stepId ?? null });
    }
    if (e.payloadDigest !== a.payloadDigest) {
      add({ scope: "event", index: i, field: "payloadDigest", expected: e.payloadDigest, actual: a.payloadDigest });
    }
  }
}
