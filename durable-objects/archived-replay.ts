import type { ExecutionDetail } from "../contracts/common/execution.ts";
import type { ExecutionStatus } from "../contracts/common/status.ts";
import type { PlanDraftedPayload } from "../contracts/events/plan-drafted.ts";
import type { UpstreamManifest } from "../contracts/mcp/upstream-manifest.ts";
import type { CompiledPlan } from "../contracts/plan.ts";
import type { SkillManifest } from "../contracts/skills/manifest.ts";
import type { ExecutionState } from "../engine/executor/state.ts";
import type { PlanRejection } from "../engine/plan-intent.ts";
import type { RecordedInput } from "../engine/replay/types.ts";
import { tenantRegistry } from "../engine/skills/tenant-registry.ts";
import type { ChainResult } from "../engine/trace.ts";
import type { ExecutionArchive } from "../engine/trace-archive.ts";
import type { ExecutionIdentity } from "./execution.ts";
import type { PolicyPin } from "./policy-pin.ts";
import { type CheckedRecord, replayRecorded } from "./recorded-replay.ts";
import { decodeState } from "./state-document.ts";
import { executionView } from "./view.ts";

export type ArchivedReplay = { chain: ChainResult } & CheckedRecord;

/**
 * Replay of an archived execution, from its archive alone (its chain already checked against the index by
 * openArchive): the same payload checks and the same replay the live object runs on its own storage
 * (ExecutionDO.replayJson, both through replayRecorded), with the documents, input log and chain read from the archive.
 */
export function replayArchive(archive: ExecutionArchive, currentCodeVersion: string | null): ArchivedReplay {
  const docs = archive.documents;
  const plan = docs["plan"] as CompiledPlan | undefined;
  const recorded = replayRecorded(
    {
      identity: docs["identity"] as ExecutionIdentity,
      plan,
      pin: docs["policy"] as PolicyPin | undefined,
      drafted: docs["drafted"] as PlanDraftedPayload | undefined,
      rejection: (docs["rejection"] as PlanRejection | undefined) ?? null,
      registry: tenantRegistry((docs["skills"] as SkillManifest[] | undefined) ?? [], (docs["upstreams"] as UpstreamManifest[] | undefined) ?? []),
      links: archive.links,
      inputs: () => archive.inputs as RecordedInput[],
      state: () => (docs["state"] === undefined ? null : decodeState<ExecutionState>(JSON.stringify(docs["state"]), plan)),
    },
    currentCodeVersion,
  );
  return { chain: { ok: true }, ...recorded };
}

/** The execution as `controlPlane.execution.get` shows it, from its archive; the status is the index's, recorded when it ended. */
export function viewOfArchive(archive: ExecutionArchive, status: ExecutionStatus): ExecutionDetail {
  const docs = archive.documents;
  const plan = docs["plan"] as CompiledPlan | undefined;
  const state = docs["state"] === undefined ? null : decodeState<ExecutionState>(JSON.stringify(docs["state"]), plan);
  return executionView(docs["identity"] as ExecutionIdentity, status, state, (docs["rejection"] as PlanRejection | undefined) ?? null, plan ?? null);
}
