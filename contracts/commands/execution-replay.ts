import { z } from "zod";
import { executionNotVisible } from "../common/errors.ts";
import { Digest, ExecutionId } from "../common/ids.ts";
import { defineOperation } from "../define.ts";
import { StepId } from "../plan.ts";

export const ReplayDifference = z.strictObject({
  stage: z.enum(["interpret", "compile", "policy", "executor"]).describe("Which deterministic stage diverged"),
  stepId: StepId.nullable(),
  path: z.string().max(500).describe("Dotted path of the value that differs, e.g. `plan.digest` or `policy.verdict`"),
  recorded: z.unknown().describe("Value in the recorded trace"),
  replayed: z.unknown().describe("Value the replay produced"),
});
export type ReplayDifference = z.infer<typeof ReplayDifference>;

export const ExecutionReplayInput = z.strictObject({ executionId: ExecutionId });
export type ExecutionReplayInput = z.infer<typeof ExecutionReplayInput>;

export const ExecutionReplayOutput = z.strictObject({
  executionId: ExecutionId,
  outcome: z.enum(["consistent", "diff"]),
  recordedPlanDigest: Digest.nullable(),
  replayedPlanDigest: Digest.nullable(),
  eventsCompared: z.number().int().min(0),
  differences: z.array(ReplayDifference).max(100).describe("Empty when consistent; the first 100 otherwise"),
  codeVersion: z
    .strictObject({
      recorded: z.string().nullable().describe("The version that started the execution (controlPlane.execution.started); null when not recorded"),
      current: z.string().nullable().describe("The version answering this replay; null when the deployment has no version metadata"),
      changed: z.boolean().nullable().describe("Whether the code changed since the execution started; null when either version is unknown"),
    })
    .describe("A replay on other code than the recorded run's may differ for that reason alone"),
});
export type ExecutionReplayOutput = z.infer<typeof ExecutionReplayOutput>;

export const executionReplay = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.execution.replay",
    version: "1.3.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "audit", "replay"],
    description: "Re-run interpretation, compilation, policy and the executor on an execution's recorded inputs.",
    goal:
      "Proves after the fact that the recorded execution is what the current code decides from the same inputs, " +
      "or shows exactly where it diverges.",
    context:
      "No tool is called: recorded tool outcomes stand in for the calls. The trace's hash chain is verified first; " +
      "a broken chain answers TRACE_CHAIN_BROKEN, since replaying tampered evidence proves nothing. Then every " +
      "recorded payload, and the intent, plan and policy replay re-runs from, is checked against its event's " +
      "payloadDigest; a mismatch answers TRACE_PAYLOAD_TAMPERED and raises a drift alert. Nothing is " +
      "written, so replay may be repeated freely; it may run on an execution that has not ended, up to its last event. A key whose audit grant is narrowed " +
      "(and that holds no unnarrowed admin grant) replays only the executions its principal requested. " +
      "An execution archived after TRACE_RETENTION_DAYS replays from its archive, whose digest and chain are checked " +
      "against the execution's index row first (ARCHIVE_MISSING, ARCHIVE_DIGEST_MISMATCH, TRACE_CHAIN_BROKEN).",
  },
  input: ExecutionReplayInput,
  output: ExecutionReplayOutput,
  errors: [
    executionNotVisible,
    { code: "TRACE_CHAIN_BROKEN", status: 409, when: "the execution's trace fails hash-chain verification" },
    { code: "TRACE_PAYLOAD_MISSING", status: 409, when: "a payload replay needs was pruned from storage" },
    { code: "ARCHIVE_MISSING", status: 409, when: "the execution was archived and its archive object is gone" },
    { code: "ARCHIVE_DIGEST_MISMATCH", status: 409, when: "the execution's archive does not hash to the digest its index row recorded" },
    {
      code: "TRACE_PAYLOAD_TAMPERED",
      status: 409,
      when: "a payload the execution keeps, or the intent, plan or policy replay re-runs from, does not match the digest its trace event recorded",
    },
  ],
  capability: "control-plane.audit",
  http: { method: "POST", path: "/v1/executions/{executionId}/replay" },
  emits: [],
});
