import { z } from "zod";
import { type PlanDecision, SLACK_PLAN_ACTIONS } from "../../contracts/common/plan-confirmation-controls.ts";

const PlanRef = z.strictObject({ executionId: z.string().min(1).max(200), planDigest: z.string().regex(/^[0-9a-f]{64}$/) });

/** A Confirm / Cancel press on a plan confirmation notice: which execution and plan digest, as the button carries them. */
export function readSlackPlanDecision(actionId: string, value: string | undefined): (z.infer<typeof PlanRef> & { decision: PlanDecision }) | undefined {
  const decision = (Object.keys(SLACK_PLAN_ACTIONS) as PlanDecision[]).find((d) => SLACK_PLAN_ACTIONS[d] === actionId);
  if (decision === undefined || value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const ref = PlanRef.safeParse(json);
  return ref.success ? { ...ref.data, decision } : undefined;
}
