import type { TraceEvent } from "../contracts/common/trace.ts";
import type { PlanDraftedPayload } from "../contracts/events/plan-drafted.ts";
import type { CompiledPlan } from "../contracts/plan.ts";
import type { ToolRegistry } from "../contracts/tools/index.ts";
import type { ExecutionState } from "../engine/executor/state.ts";
import type { PlanRejection } from "../engine/plan-intent.ts";
import { offeredTools } from "../engine/planner/offered-tools.ts";
import { policyDecider } from "../engine/policy/decider.ts";
import { decide as interimDecide } from "../engine/policy/interim.ts";
import type { PolicyDecider } from "../engine/policy/types.ts";
import type { RecordedInput } from "../engine/replay/types.ts";
import type { ExecutionIdentity } from "./execution.ts";
import { pinnedPayload, scopedByPin } from "./grant-scope.ts";
import { budgetedByPin, type PolicyPin, pinnedOf } from "./policy-pin.ts";
import { type TamperedPayload, tamperedPayloads } from "./recorded-payloads.ts";
import { type ReplayReport, replayExecution } from "./replay-execution.ts";

/**
 * What a replay reads, wherever the execution is kept (its object's storage, or its archive after retention): the
 * documents recorded at start, the machine's input log and final state, and the chain with its payloads. State and
 * inputs are read only once the payloads check out.
 */
export interface RecordedExecution {
  identity: ExecutionIdentity;
  plan: CompiledPlan | undefined;
  pin: PolicyPin | undefined;
  drafted: PlanDraftedPayload | undefined;
  rejection: PlanRejection | null;
  /** The registry the execution planned with (built-ins plus the skill and upstream manifests recorded at start). */
  registry: ToolRegistry;
  /** The decider built from the pin (deciderOf), when the caller keeps one already; asked only once the payloads check out. */
  decide?: () => PolicyDecider;
  links: readonly { event: TraceEvent; payload: unknown; fromMachine: boolean }[];
  inputs: () => RecordedInput[];
  state: () => ExecutionState | null;
}

/** The payload check and, when it holds, the replay and the code versions (the chain is the caller's to check first). */
export interface CheckedRecord {
  tampered?: TamperedPayload[];
  report?: ReplayReport;
  /** The code version recorded at start next to the one answering now (version_metadata). */
  codeVersion?: { recorded: string | null; current: string | null };
}

/**
 * Every payload is checked against its event's digest, and so are the documents replay re-runs from (the payloads of
 * the events that recorded them), since replaying tampered evidence proves nothing; then interpretation, compilation,
 * the offer of tools to the planner's model, policy and the executor run again on what was recorded.
 */
export function replayRecorded(recorded: RecordedExecution, currentCodeVersion: string | null): CheckedRecord {
  const tampered = tamperedPayloads(recorded.links, replayedDocuments(recorded));
  if (tampered.length > 0) return { tampered };
  const { identity, plan, pin, drafted, registry } = recorded;
  const report = replayExecution({
    intent: identity.intent,
    plan: plan ?? null,
    rejection: recorded.rejection,
    drafted: drafted?.call ?? null,
    ...(drafted?.offeredTools === undefined ? {} : { offeredTools: drafted.offeredTools }),
    // The offer re-derived from the pinned policy and grant scope: it must be the one recorded.
    ...(drafted?.offeredTools === undefined || pin === undefined
      ? {}
      : { reofferedTools: offeredTools(registry, pinnedOf(pin), pin.context, identity.intent.actor, pin.grantScope) }),
    inputs: recorded.inputs(),
    events: recorded.links
      .filter((l) => l.fromMachine)
      .map(({ event }) => ({ type: event.type, payloadDigest: event.payloadDigest, ...(event.stepId ? { stepId: event.stepId } : {}) })),
    finalState: recorded.state(),
    registry,
    decide: recorded.decide?.() ?? deciderOf(pin, registry),
  });
  return { report, codeVersion: { recorded: recordedCodeVersion(recorded.links), current: currentCodeVersion } };
}

/** The decider an execution decides with: its pinned policy (budget and grant scope in front), or the interim policy when it pinned none. */
export function deciderOf(pin: PolicyPin | undefined, registry: ToolRegistry): PolicyDecider {
  return pin === undefined ? interimDecide : scopedByPin(budgetedByPin(policyDecider(pinnedOf(pin), pin.context, registry), pin), pin);
}

/** What replay reads from the documents, as the payloads of the events that recorded them. */
function replayedDocuments({ identity, plan, pin, drafted }: RecordedExecution): Record<string, unknown> {
  return {
    "controlPlane.intent.received": { intentId: identity.intentId, intent: identity.intent },
    ...(drafted === undefined ? {} : { "controlPlane.plan.drafted": drafted }),
    ...(plan === undefined ? {} : { "controlPlane.plan.compiled": { intentId: identity.intentId, plan } }),
    ...(pin === undefined ? {} : { "controlPlane.execution.policy_pinned": pinnedPayload(pin) }),
  };
}

function recordedCodeVersion(links: RecordedExecution["links"]): string | null {
  const started = links.find((l) => l.event.type === "controlPlane.execution.started")?.payload;
  return typeof started === "object" && started !== null && "codeVersion" in started && typeof started.codeVersion === "string" ? started.codeVersion : null;
}
