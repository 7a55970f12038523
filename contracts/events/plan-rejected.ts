import { z } from "zod";
import { IntentId } from "../common/ids.ts";
import { RejectionReason } from "../common/rejection.ts";
import { defineEvent } from "../define.ts";
import { InterpreterId } from "../plan.ts";

export const PlanRejectedPayload = z.strictObject({
  intentId: IntentId,
  interpreter: InterpreterId.nullable().describe("Interpreter that read the intent; `null` when none could"),
  reasons: z.array(RejectionReason).min(1),
});
export type PlanRejectedPayload = z.infer<typeof PlanRejectedPayload>;

export const planRejected = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.plan.rejected",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["plan", "trace"],
    description: "An intent could not be turned into a runnable plan.",
    goal: "Makes refusal explicit and explained: text that does not parse, unknown tools or bad references never run as a guess.",
    context:
      "Terminal for the execution, which ends with status `rejected` and no step run. The reasons are what the " +
      "requester sees in the reply.",
  },
  payload: PlanRejectedPayload,
});
