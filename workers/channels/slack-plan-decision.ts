import { z } from "zod";
import { type PlanDecision, SLACK_PLAN_ACTIONS } from "../../contracts/common/plan-confirmation-controls.ts";
import { readSlackButton } from "./slack-button.ts";

const PlanRef = z.strictObject({ executionId: z.string().min(1).max(200), planDigest: z.string().regex(/^[0-9a-f]{64}$/) });

/** A Confirm / Cancel press on a plan confirmation notice: which execution and plan digest, as the button carries them. */
export function readSlackPlanDecision(actionId: string, value: string | undefined): (z.infer<typeof PlanRef> & { decision: PlanDecision }) | undefined {
  return readSlackButton<PlanDecision, typeof PlanRef>(SLACK_PLAN_ACTIONS, PlanRef, actionId, value);
}
