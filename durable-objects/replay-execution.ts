import type { ReplayDifference } from "../contracts/commands/execution-replay.ts";
import type { Intent } from "../contracts/intent.ts";
import type { CompiledPlan } from "../contracts/plan.ts";
import { type ToolRegistry, toolRegistry } from "../contracts/tools/index.ts";
import type { ExecutionState } from "../engine/executor/state.ts";
import { digestOf } from "../engine/hash.ts";
import { compileRejectionReply, type PlanRejection, planIntent } from "../engine/plan-intent.ts";
import { type DraftedCall, planFromModel, wantsModel } from "../engine/planner/plan-from-model.ts";
import { decide as interimDecide } from "../engine/policy/interim.ts";
import type { PolicyDecider } from "../engine/policy/types.ts";
import { comparePlans, replay } from "../engine/replay/index.ts";
import type { RecordedEvent, RecordedInput, ReplayDiff } from "../engine/replay/types.ts";

export interface RecordedRun {
  intent: Intent;
  plan: CompiledPlan | null;
  rejection: PlanRejection | null;
  /** The planner's recorded model call, fed back instead of calling the model; null or absent: none was made. */
  drafted?: DraftedCall | null;
  /** The tools the model was offered, as recorded with its answer; absent: every tool (older records). */
  offeredTools?: readonly string[];
  /** The offer re-derived from the pinned policy and grant scope; compared with the recorded one when present. */
  reofferedTools?: readonly string[];
  inputs: RecordedInput[];
  events: RecordedEvent[];
  finalState: ExecutionState | null;
  /** The registry the execution planned with (built-ins plus its recorded skills); built-ins only if absent. */
  registry?: ToolRegistry;
  /** The decider built from the policy recorded at start; the interim policy for executions that recorded none. */
  decide?: PolicyDecider;
}

export interface ReplayReport {
  outcome: "consistent" | "diff";
  recordedPlanDigest: string | null;
  replayedPlanDigest: string | null;
  eventsCompared: number;
  differences: ReplayDifference[];
}

const MAX_DIFFERENCES = 100;

/**
 * Re-runs interpretation, compilation, policy and the executor on the recorded intent and inputs (tool
 * outcomes as recorded, no tool called) and compares every stage with what was recorded.
 */
export function replayExecution(recorded: RecordedRun): ReplayReport {
  const differences: ReplayDifference[] = [];
  const registry = recorded.registry ?? toolRegistry;
  const grammar = planIntent(recorded.intent, registry);
  const drafted = recorded.drafted ?? null;
  const planned = drafted === null ? grammar : planFromModel(recorded.intent, registry, drafted, recorded.offeredTools);
  if (drafted !== null && !wantsModel(recorded.intent, grammar)) {
    differences.push({ stage: "interpret", stepId: null, path: "drafted", recorded: "text for the planner's model", replayed: "text the grammar reads" });
  }
  if (recorded.offeredTools !== undefined && recorded.reofferedTools !== undefined && digestOf([...recorded.offeredTools]) !== digestOf([...recorded.reofferedTools])) {
    differences.push({ stage: "policy", stepId: null, path: "drafted.offeredTools", recorded: recorded.offeredTools, replayed: recorded.reofferedTools });
  }

  if (recorded.rejection !== null || !planned.ok) {
    const replayedRejection = planned.ok ? null : planned.rejection;
    if (digestOf(recorded.rejection) !== digestOf(replayedRejection)) {
      differences.push({ stage: planned.ok || planned.rejection.stage !== "interpret" ? "compile" : "interpret", stepId: null, path: "rejection", recorded: recorded.rejection, replayed: replayedRejection });
    }
  }

  const replayedPlan = planned.ok
    ? planned.plan
    : (compileRejectionReply(recorded.intent, planned.rejection, registry)?.plan ?? null);
  if (recorded.plan !== null && replayedPlan !== null) {
    for (const d of comparePlans(recorded.plan, replayedPlan)) differences.push(fromEngine(d, "compile"));
  } else if ((recorded.plan === null) !== (replayedPlan === null)) {
    differences.push({ stage: "compile", stepId: null, path: "plan", recorded: recorded.plan?.digest ?? null, replayed: replayedPlan?.digest ?? null });
  }

  let eventsCompared = 0;
  if (replayedPlan !== null && recorded.inputs.length > 0) {
    const result = replay(
      { inputs: recorded.inputs, events: recorded.events, finalState: recorded.finalState },
      { decide: recorded.decide ?? interimDecide, plan: replayedPlan, maxDiffs: MAX_DIFFERENCES },
    );
    if (result.status === "consistent") eventsCompared = result.eventCount;
    else for (const d of result.diff) differences.push(fromEngine(d, "executor"));
  }
  if (eventsCompared === 0) eventsCompared = recorded.events.length;

  return {
    outcome: differences.length === 0 ? "consistent" : "diff",
    recordedPlanDigest: recorded.plan?.digest ?? null,
    replayedPlanDigest: replayedPlan?.digest ?? null,
    eventsCompared,
    differences: differences.slice(0, MAX_DIFFERENCES),
  };
}

function fromEngine(d: ReplayDiff, stage: ReplayDifference["stage"]): ReplayDifference {
  const path = d.index === null ? `${d.scope}.${d.field}` : `${d.scope}[${d.index}].${d.field}`;
  // A value on one side only (an event the other side lacks) is reported as null: the contract requires both keys.
  return { stage: d.field.includes("verdict") ? "policy" : stage, stepId: null, path, recorded: d.expected ?? null, replayed: d.actual ?? null };
}
