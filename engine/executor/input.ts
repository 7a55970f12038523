import { z } from "zod";
import { Actor } from "../../contracts/intent.ts";
import { CompiledPlan } from "../../contracts/plan.ts";
import { PolicyRef } from "../policy/types.ts";
import { ExecutionConfig, MAX_DELAY_MS } from "./config.ts";

export const ToolSuccess = z.object({ ok: z.literal(true), output: z.unknown() });
export const ToolFailure = z.object({
  ok: z.literal(false),
  /** The adapter's call: a retry could succeed and cannot repeat the effect. */
  retryable: z.boolean(),
  code: z.string().min(1),
  message: z.string(),
  retryAfterMs: z.number().int().min(0).max(MAX_DELAY_MS).optional(),
});
export const ToolOutcome = z.discriminatedUnion("ok", [ToolSuccess, ToolFailure]);
export type ToolOutcome = z.infer<typeof ToolOutcome>;
export type ToolFailure = z.infer<typeof ToolFailure>;

export const StartInput = z.object({
  kind: z.literal("start"),
  plan: CompiledPlan,
  requester: Actor,
  /**
   * The principal the requester resolved to at start (through linked identities), pinned so replay sees the
   * same person: where a rule excludes the requester, this principal's approval never counts either.
   */
  requesterPrincipal: Actor.optional(),
  config: ExecutionConfig,
  /** The policy in force when the execution starts; every verdict must come from it, so replay knows which to rebuild. */
  policy: PolicyRef,
  /** The deployed code version starting it (recorded in controlPlane.execution.started); input, so replay repeats it. */
  codeVersion: z.string().nullable().optional(),
});

export const ToolOutcomeInput = z.object({
  kind: z.literal("tool_outcome"),
  stepId: z.string(),
  attempt: z.number().int(),
  outcome: ToolOutcome,
});

/** Time has passed: retries now due are started. */
export const WakeInput = z.object({ kind: z.literal("wake") });

export const CancelInput = z.object({ kind: z.literal("cancel"), by: Actor });

export const ApprovalDecision = z.enum(["approved", "rejected", "expired"]);
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export const ApprovalResolvedInput = z.object({
  kind: z.literal("approval_resolved"),
  stepId: z.string(),
  decision: ApprovalDecision,
  /** Who made the decision final (the last approver, or the timeout's service actor). */
  by: Actor,
  /** Everyone who approved, when the rule's quorum needs more than one; defaults to `[by]`. */
  approvers: z.array(Actor).optional(),
});

/** Everything that can happen to an execution. The shell records each one, with its `now`, for replay. */
export const MachineInput = z.discriminatedUnion("kind", [
  StartInput,
  ToolOutcomeInput,
  WakeInput,
  CancelInput,
  ApprovalResolvedInput,
]);
export type MachineInput = z.infer<typeof MachineInput>;
export type StartInput = z.infer<typeof StartInput>;
export type ToolOutcomeInput = z.infer<typeof ToolOutcomeInput>;
export type CancelInput = z.infer<typeof CancelInput>;
export type ApprovalResolvedInput = z.infer<typeof ApprovalResolvedInput>;
