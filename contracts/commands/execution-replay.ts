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

export const ExecutionReplayInput = z.strictObject({
  executionId: ExecutionId,
  live: z
    .boolean()
    .optional()
    .describe("Also re-ask the configured model with the recorded prompt and report how its plan would differ (model drift); nothing is executed"),
});
export type ExecutionReplayInput = z.infer<typeof ExecutionReplayInput>;

const PlannedOutcome = z.strictObject({
  code: z.string().nullable().describe("null: the answer planned steps that compiled and verified; otherwise why not (CLARIFICATION_NEEDED, MODEL_REFUSED, TOOL_NOT_OFFERED, MODEL_OUTPUT_INVALID, MODEL_TIMEOUT, …)"),
  steps: z
    .array(z.strictObject({ key: z.string(), tool: z.string(), input: z.record(z.string(), z.unknown()), after: z.array(z.string()) }))
    .max(500)
    .describe("The steps the answer drafted; empty when it drafted none"),
});

export const LiveReplay = z.strictObject({
  model: z.strictObject({ recorded: z.string(), live: z.string() }).describe("The model the execution asked, and the one asked now"),
  promptMatches: z
    .boolean()
    .describe("Whether the prompt and answer schema rebuilt from the recorded intent, registry and offered tools hash (with the recorded model and parameters) to the recorded request digest"),
  outcome: z.enum(["same", "drift", "unanswered"]).describe("`unanswered`: the live call failed (timeout, unavailable, budget), so nothing could be compared"),
  recorded: PlannedOutcome,
  live: PlannedOutcome,
  responseDigest: Digest.nullable().describe("SHA-256 of the live answer; null when there was none"),
  differences: z
    .array(z.strictObject({ path: z.string().max(500), recorded: z.unknown(), live: z.unknown() }))
    .max(100)
    .describe("`outcome`, then per step key: a step on one side only, or a different tool, input or `after` set"),
});
export type LiveReplay = z.infer<typeof LiveReplay>;

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
  live: LiveReplay.optional().describe("Present with `live: true`: the configured model asked again; its answer is compared, never run"),
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
      "against the execution's index row first (ARCHIVE_MISSING, ARCHIVE_DIGEST_MISMATCH, TRACE_CHAIN_BROKEN). With " +
      "`live: true`, a model-drafted execution's planner call is made again to the configured model with the prompt rebuilt " +
      "from the recorded intent, offered tools and thread turns, and the plan its answer would draft is compared with the recorded one " +
      "(model drift); the answer is never compiled into anything that runs, nothing is written to the execution, and the " +
      "call's tokens count against the tenant's daily budget. An archived execution is not asked again (LIVE_REPLAY_ARCHIVED).",
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
    { code: "MODEL_NOT_CONFIGURED", status: 409, when: "`live: true` but no planner model is configured (MODEL_PROVIDER)" },
    { code: "NOT_MODEL_DRAFTED", status: 409, when: "`live: true` but the execution's plan was not drafted by the model (grammar or structured)" },
    { code: "LIVE_REPLAY_ARCHIVED", status: 409, when: "`live: true` for an execution archived after TRACE_RETENTION_DAYS: it replays from its archive only" },
  ],
  capability: "control-plane.audit",
  http: { method: "POST", path: "/v1/executions/{executionId}/replay" },
  emits: [],
});
