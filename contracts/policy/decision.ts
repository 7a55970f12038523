import { z } from "zod";

export const RiskTier = z
  .enum(["low", "medium", "high", "blocked"])
  .describe("How much harm a step can do after policy looked at it; `blocked` steps never run");
export type RiskTier = z.infer<typeof RiskTier>;

export const Verdict = z
  .enum(["autonomous", "approval_required", "blocked"])
  .describe("What policy decided for a step: run it, ask a human first, or refuse it");
export type Verdict = z.infer<typeof Verdict>;

/** What an approval gate needs when the verdict is `approval_required`. */
export const ApprovalRule = z.strictObject({
  quorum: z.number().int().min(1).describe("Distinct approvals needed before the step runs"),
  excludeRequester: z.boolean().describe("Whether the requester's own approval is ignored"),
});
export type ApprovalRule = z.infer<typeof ApprovalRule>;

/**
 * Policy's answer for one step, with the identity (version and hash) of the policy that gave it, so
 * replay can tell whether the same policy would decide the same way.
 */
export const PolicyDecision = z.strictObject({
  verdict: Verdict,
  tier: RiskTier.describe("The tool's default tier or higher"),
  reason: z.string().max(2000).describe("Why policy decided so, in words shown to requesters and approvers"),
  policyVersion: z.string().min(1).max(100),
  policyHash: z.string().regex(/^[0-9a-f]{64}$/).describe("Digest of the policy document in force"),
  approval: ApprovalRule.optional().describe("Present when the verdict is `approval_required`"),
});
export type PolicyDecision = z.infer<typeof PolicyDecision>;
