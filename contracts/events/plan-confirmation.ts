import { z } from "zod";
import { Actor } from "../intent.ts";
import { defineEvent } from "../define.ts";
import { RiskTier } from "../tools/define.ts";

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const PlanConfirmationRequestedPayload = z.strictObject({
  planId: z.string(),
  planDigest: Hex64,
  expiresAt: z.iso.datetime(),
  steps: z.array(z.strictObject({ key: z.string(), tool: z.string(), risk: RiskTier, input: z.record(z.string(), z.unknown()) })),
});
export type PlanConfirmationRequestedPayload = z.infer<typeof PlanConfirmationRequestedPayload>;

export const planConfirmationRequested = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.plan.confirmation_requested",
    version: "1.0.0",
    stability: "experimental",
    owners: ["control-plane"],
    tags: ["plan", "trace", "planner"],
    description: "A model-drafted plan waits for its requester to confirm the exact compiled steps.",
    goal: "Nothing a model drafted runs above low risk until the person who asked has seen and confirmed it.",
    context:
      "No step starts (controlPlane.execution.started is not recorded) until controlPlane.plan.confirmation_resolved " +
      "says `confirmed`; at `expiresAt` the plan is cancelled.",
  },
  payload: PlanConfirmationRequestedPayload,
});

export const PlanConfirmationResolvedPayload = z.strictObject({
  planDigest: Hex64,
  decision: z.enum(["confirmed", "expired", "cancelled"]),
  by: Actor,
});
export type PlanConfirmationResolvedPayload = z.infer<typeof PlanConfirmationResolvedPayload>;

export const planConfirmationResolved = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.plan.confirmation_resolved",
    version: "1.0.0",
    stability: "experimental",
    owners: ["control-plane"],
    tags: ["plan", "trace", "planner"],
    description: "The requester confirmed a model-drafted plan, or it expired or was cancelled unconfirmed.",
    goal: "Records who released a model-drafted plan to run, bound to the digest of the plan they saw.",
    context: "`confirmed` is followed by controlPlane.execution.started; `expired` and `cancelled` end the execution with no step run.",
  },
  payload: PlanConfirmationResolvedPayload,
});
