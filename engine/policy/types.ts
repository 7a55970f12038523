import { z } from "zod";
import type { Actor } from "../../contracts/intent.ts";
import type { CompiledStep } from "../../contracts/plan.ts";

export const VerdictKind = z.enum(["autonomous", "approval_required", "blocked"]);
export type VerdictKind = z.infer<typeof VerdictKind>;

/** A step's tier after policy: the tool's default or higher; `blocked` means it never runs. */
export const PolicyTier = z.enum(["low", "medium", "high", "blocked"]);
export type PolicyTier = z.infer<typeof PolicyTier>;

export const ApprovalRule = z.object({
  quorum: z.number().int().min(1),
  excludeRequester: z.boolean(),
});
export type ApprovalRule = z.infer<typeof ApprovalRule>;

/** Which policy: its version and digestOf(its document). An execution is pinned to one at start. */
export const PolicyRef = z.object({
  version: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PolicyRef = z.infer<typeof PolicyRef>;

/** What policy decided for one step, with enough identity (version and hash) to replay the decision. */
export const PolicyVerdict = z.object({
  verdict: VerdictKind,
  tier: PolicyTier,
  reason: z.string(),
  policyVersion: z.string().min(1),
  /** digestOf(the policy document in force). */
  policyHash: z.string().regex(/^[0-9a-f]{64}$/),
  approval: ApprovalRule.optional(),
});
export type PolicyVerdict = z.infer<typeof PolicyVerdict>;

/** What a decider may look at besides the step; `input` is the step input with references resolved. */
export interface PolicyContext {
  planId: string;
  requester: Actor;
  input: Record<string, unknown>;
}

/**
 * Must be pure: the executor calls it when a step becomes ready and replay calls it again with the
 * same arguments, expecting the same verdict.
 */
export type PolicyDecider = (step: CompiledStep, ctx: PolicyContext) => PolicyVerdict;
