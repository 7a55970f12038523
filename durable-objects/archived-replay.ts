import type { ExecutionDetail } from "../contracts/common/execution.ts";
import type { ExecutionStatus } from "../contracts/common/status.ts";
import type { PlanDraftedPayload } from "../contracts/events/plan-drafted.ts";
import type { UpstreamManifest } from "../contracts/mcp/upstream-manifest.ts";
import type { CompiledPlan } from "../contracts/plan.ts";
import type { SkillManifest } from "../contracts/skills/manifest.ts";
import type { ExecutionState } from "../engine/executor/state.ts";
import type { PlanRejection } from "../engine/plan-intent.ts";
import { policyDecider } from "../engine/policy/decider.ts";
import { decide as interimDecide } from "../engine/policy/interim.ts";
import type { RecordedEvent, RecordedInput } from "../engine/replay/types.ts";
import { tenantRegistry } from "../engine/skills/tenant-registry.ts";
import type { ChainResult } from "../engine/trace.ts";
import type { ExecutionArchive } from "../engine/trace-archive.ts";
import type { ExecutionIdentity } from "./execution.ts";
import { pinnedPayload, scopedByPin } from "./grant-scope.ts";
import { budgetedByPin, type PolicyPin, pinnedOf } from "./policy-pin.ts";
import { type TamperedPayload, tamperedPayloads } from "./recorded-payloads.ts";
import { type ReplayReport, replayExecution } from "./replay-execution.ts";
import { decodeState } from "./state-document.ts";
import { executionView } from "./view.ts";

export interface ArchivedReplay {
  chain: ChainResult;
  tampered?: TamperedPayload[];
  report?: ReplayReport;
  codeVersion?: { recorded: string | null; current: string | null };
}

/**
 * Replay of an archived execution, from its archive alone (its chain already checked against the index by
 * openArchive): the same payload checks and the same replay the live object runs on its own storage
 * (ExecutionDO.replayJson), with the documents, input log and chain read from the archive.
 */
export function replayArchive(archive: ExecutionArchive, currentCodeVersion: string | null): ArchivedReplay {
  const docs = archive.documents;
  const identity = docs["identity"] as ExecutionIdentity;
  const plan = docs["plan"] as CompiledPlan | undefined;
  const pin = docs["policy"] as PolicyPin | undefined;
  const drafted = docs["drafted"] as PlanDraftedPayload | undefined;
  const registry = tenantRegistry((docs["skills"] as SkillManifest[] | undefined) ?? [], (docs["upstreams"] as UpstreamManifest[] | undefined) ?? []);
  const chain: ChainResult = { ok: true };

  const tampered = tamperedPayloads(archive.links, {
    "controlPlane.intent.received": { intentId: identity.intentId, intent: identity.intent },
    ...(drafted === undefined ? {} : { "controlPlane.plan.drafted": drafted }),
    ...(plan === undefined ? {} : { "controlPlane.plan.compiled": { intentId: identity.intentId, plan } }),
    ...(pin === undefined ? {} : { "controlPlane.execution.policy_pinned": pinnedPayload(pin) }),
  });
  if (tampered.length > 0) return { chain, tampered };

  const state = docs["state"] === undefined ? null : decodeState<ExecutionState>(JSON.stringify(docs["state"]), plan);
  const events: RecordedEvent[] = archive.links
    .filter((l) => l.fromMachine)
    .map(({ event }) => ({ type: event.type, payloadDigest: event.payloadDigest, ...(event.stepId ? { stepId: event.stepId } : {}) }));
  const report = replayExecution({
    intent: identity.intent,
    plan: plan ?? null,
    rejection: (docs["rejection"] as PlanRejection | undefined) ?? null,
    drafted: drafted?.call ?? null,
    inputs: archive.inputs as RecordedInput[],
    events,
    finalState: state,
    registry,
    decide: pin === undefined ? interimDecide : scopedByPin(budgetedByPin(policyDecider(pinnedOf(pin), pin.context, registry), pin), pin),
  });
  const started = archive.links.find((l) => l.event.type === "controlPlane.execution.started")?.payload;
  const recorded = typeof started === "object" && started !== null && "codeVersion" in started && typeof started.codeVersion === "string" ? started.codeVersion : null;
  return { chain, report, codeVersion: { recorded, current: currentCodeVersion } };
}

/** The execution as `controlPlane.execution.get` shows it, from its archive; the status is the index's, recorded when it ended. */
export function viewOfArchive(archive: ExecutionArchive, status: ExecutionStatus): ExecutionDetail {
  const docs = archive.documents;
  const plan = docs["plan"] as CompiledPlan | undefined;
  const state = docs["state"] === undefined ? null : decodeState<ExecutionState>(JSON.stringify(docs["state"]), plan);
  return executionView(docs["identity"] as ExecutionIdentity, status, state, (docs["rejection"] as PlanRejection | undefined) ?? null, plan ?? null);
}
