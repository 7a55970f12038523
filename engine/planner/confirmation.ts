import type { CompiledPlan, PlanDraft } from "../../contracts/plan.ts";
import { isModelDrafted } from "./read-answer.ts";

/** How long a model-drafted plan waits for its requester's confirmation; then it is cancelled. */
export const CONFIRMATION_TTL_SECONDS = 15 * 60;

/**
 * A model-drafted plan with any step above low waits for the requester to confirm the exact compiled plan;
 * a plan of low steps only (a reply) runs at once. Grammar and structured drafts say exactly what was asked.
 */
export function needsConfirmation(draft: PlanDraft, plan: CompiledPlan): boolean {
  return isModelDrafted(draft) && plan.steps.some((s) => s.risk !== "low");
}

export interface PendingConfirmation {
  status: "pending" | "confirmed" | "expired" | "cancelled";
  planDigest: string;
  requestedAt: string;
  expiresAt: string;
}
