import { z } from "zod";
import { IntentId } from "../common/ids.ts";
import { defineEvent } from "../define.ts";
import { CompiledPlan } from "../plan.ts";

export const PlanCompiledPayload = z.strictObject({
  intentId: IntentId,
  plan: CompiledPlan,
});
export type PlanCompiledPayload = z.infer<typeof PlanCompiledPayload>;

export const planCompiled = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.plan.compiled",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["plan", "trace"],
    description: "An intent's draft compiled and verified into a typed step DAG.",
    goal: "Records the plan that will run, with the digest that approvals and replay bind to.",
    context:
      "Carries the full compiled plan; replay recompiles the recorded intent and must reproduce the same digest. " +
      "Followed by controlPlane.execution.started, or by nothing when the execution was cancelled first.",
  },
  payload: PlanCompiledPayload,
});
