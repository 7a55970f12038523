import type { MachineInput } from "../../../engine/executor/input.ts";
import { type TransitionResult, transition } from "../../../engine/executor/machine.ts";
import type { ExecutionState } from "../../../engine/executor/state.ts";
import type { PolicyDecider } from "../../../engine/policy/types.ts";
import { summarizeEvent } from "../../../engine/replay/summarize.ts";
import type { RecordedExecution, RecordedInput } from "../../../engine/replay/types.ts";
import { T0, at, buildPlan, fail, idOf, ok, startInput } from "../executor/helpers.ts";

/** A small fixed execution: a retry honouring Retry-After, a join, a blocked branch. */
export const plan = buildPlan([
  { key: "fetch" },
  { key: "reply", after: ["fetch"], input: { text: { $ref: "fetch.title" } } },
  { key: "close", risk: "high", tool: "github.issue.close" },
]);

export const script: RecordedInput[] = [
  { now: T0, input: startInput(plan) },
  { now: at(10), input: fail(idOf(plan, "fetch"), 1, true, 3_000) },
  { now: at(3_010), input: { kind: "wake" } },
  { now: at(3_020), input: ok(idOf(plan, "fetch"), 2, { title: "hello" }) },
  { now: at(3_030), input: ok(idOf(plan, "fetch"), 2, { title: "duplicate" }) },
  { now: at(3_040), input: ok(idOf(plan, "reply"), 1, { ts: "1.2" }) },
];

/** Runs the inputs the way the shell does and keeps what it would store. */
export function record(inputs: readonly RecordedInput[], decide: PolicyDecider): Required<RecordedExecution> & { state: ExecutionState } {
  let state: ExecutionState | null = null;
  const events = [];
  for (const { now, input } of inputs) {
    const r: TransitionResult<ExecutionState | null> = transition(state, input as MachineInput, now, { decide });
    state = r.state;
    events.push(...r.events.map(summarizeEvent));
  }
  if (state === null) throw new Error("never started");
  return { inputs: [...inputs], events, finalState: state, finalStateDigest: "", state };
}
