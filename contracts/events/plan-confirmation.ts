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

/** Where a confirmation or refusal came from: the API (and CLI), a channel control, or the expiry timer. */
export const ConfirmationVia = z.enum(["api", "slack", "whatsapp_meta", "github", "whatsapp_twilio", "timer"]);
export type ConfirmationVia = z.infer<typeof ConfirmationVia>;

export const PlanConfirmationResolvedPayload = z.strictObject({
  planDigest: Hex64,
  decision: z.enum(["confirmed", "expired", "cancelled"]),
  by: Actor,
  via: ConfirmationVia.optional().describe("Where the decision came from (from 1.1.0; absent in older events)"),
});
export type PlanConfirmationResolvedPayload = z.infer<typeof PlanConfirmationResolvedPayload>;

export const planConfirmationResolved = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.plan.confirmation_resolved",
    version: "1.1.0",
    stability: "experimental",
    owners: ["control-plane"],
    tags: ["plan", "trace", "planner"],
    description: "The requester confirmed a model-drafted plan, or it expired or was cancelled unconfirmed.",
    goal: "Records who released a model-drafted plan to run, bound to the digest of the plan they saw.",
    context: "`confirmed` is followed by controlPlane.execution.started; `expired` and `cancelled` end the execution with no step run.",
  },
  payload: PlanConfirmationResolvedPayload,
});

export const PlanConfirmationRefusedPayload = z.strictObject({
  code: z.enum(["NOT_REQUESTER", "PLAN_CHANGED", "CONFIRMATION_NOT_PENDING", "CONFIRMATION_EXPIRED"]),
  decision: z.enum(["confirm", "cancel"]).describe("What was asked for"),
  planDigest: z.string().max(200).describe("The plan digest the confirmation named (a button's, a code's, or the API caller's)"),
  by: Actor.describe("Who asked: the principal the channel identity or API key resolved to, else the channel identity"),
  via: ConfirmationVia,
});
export type PlanConfirmationRefusedPayload = z.infer<typeof PlanConfirmationRefusedPayload>;

export const planConfirmationRefused = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.plan.confirmation_refused",
    version: "1.0.0",
    stability: "experimental",
    owners: ["control-plane"],
    tags: ["plan", "trace", "planner"],
    description: "A confirmation or cancellation of a model-drafted plan was refused, with why.",
    goal: "Every attempt to release or stop a model-drafted plan is evidence, including the ones that changed nothing.",
    context:
      "Recorded outside the executor's machine; changes no state. NOT_REQUESTER: not the requester; PLAN_CHANGED: another " +
      "plan's digest; CONFIRMATION_NOT_PENDING: already confirmed or cancelled, or never asked; CONFIRMATION_EXPIRED: the " +
      "window passed and the plan was cancelled. A refusal from a channel is also answered where it came from (the presser's thread or conversation).",
  },
  payload: PlanConfirmationRefusedPayload,
});
