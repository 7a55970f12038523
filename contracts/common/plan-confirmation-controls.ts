/**
 * The Confirm / Cancel controls of a model-drafted plan's confirmation notice, an interface with the providers:
 * Slack button action ids and `value`, WhatsApp (Meta) reply button ids, and the short code typed on GitHub and
 * Twilio. Declared among the contracts, with no dependency, so the notice (durable-objects, runtime/notices)
 * builds what the channel layer (workers/channels) reads, and neither imports the other.
 */
export const SLACK_PLAN_ACTIONS = {
  confirm: "cp.plan.confirm",
  cancel: "cp.plan.cancel",
} as const satisfies Record<PlanDecision, string>;

export type PlanDecision = "confirm" | "cancel";

/** What a control binds: the execution and the digest of the exact plan shown. Nothing about who. */
export interface PlanRef {
  executionId: string;
  planDigest: string;
}

/** The `value` of a Slack Confirm / Cancel button (Slack allows 2000 characters). */
export function slackPlanValue(ref: PlanRef): string {
  return JSON.stringify({ executionId: ref.executionId, planDigest: ref.planDigest });
}

/** A WhatsApp reply button id (Meta allows 256 characters): `cp.plan.<decision>:<executionId>:<planDigest>`. */
export function whatsappPlanButtonId(decision: PlanDecision, ref: PlanRef): string {
  return `cp.plan.${decision}:${ref.executionId}:${ref.planDigest}`;
}

const BUTTON_ID = /^cp\.plan\.(confirm|cancel):([A-Za-z0-9_-]{1,200}):([0-9a-f]{64})$/;

export function readWhatsappPlanButtonId(id: string): ({ decision: PlanDecision } & PlanRef) | undefined {
  const match = BUTTON_ID.exec(id);
  if (match === null) return undefined;
  return { decision: match[1] as PlanDecision, executionId: match[2] ?? "", planDigest: match[3] ?? "" };
}

/** Crockford base32 (no I, L, O, U): a code read aloud or retyped is hard to get wrong. */
export const CONFIRMATION_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CONFIRMATION_CODE_LENGTH = 8;

const COMMAND = /^(confirm|cancel)[ \t]+([0-9A-Za-z]{8})$/i;

/** `confirm <code>` / `cancel <code>` typed in a thread (GitHub after `/cp`, Twilio, any text channel). */
export function readPlanCommand(text: string): { decision: PlanDecision; code: string } | undefined {
  const match = COMMAND.exec(text.trim());
  if (match === null) return undefined;
  return { decision: (match[1] ?? "").toLowerCase() as PlanDecision, code: (match[2] ?? "").toUpperCase() };
}
