import type { GrantScope } from "../../contracts/common/grant.ts";
import type { Actor, Intent, ReplyTarget } from "../../contracts/intent.ts";
import type { PlanDecision, PlanRef } from "../../contracts/common/plan-confirmation-controls.ts";

export type Provider = "slack" | "github" | "meta" | "twilio";

/** What a provider delivery says about whose it is; the runtime maps it to a tenant. */
export type ChannelBinding =
  | { provider: "slack"; teamId: string }
  | { provider: "github"; repository: string; installationId?: number }
  | { provider: "meta"; phoneNumberId: string }
  | { provider: "twilio"; number: string; accountSid?: string };

/** The tenant a channel runs as, with the grant narrowing its binding puts on every intent (absent: not narrowed). */
export interface TenantBinding {
  tenantId: string;
  grantScope?: GrantScope;
}

/** Two confirmed bindings claim the delivery (a repository and an installation holding it): it is refused, never routed by lookup order. */
export interface BindingConflict {
  conflict: true;
}

/**
 * The channel's tenant; undefined when no confirmed binding holds the channel (the item goes to DEFAULT_TENANT
 * or is refused); a conflict when two do (refused, no fallback).
 */
export type ResolveTenant = (binding: ChannelBinding) => Promise<TenantBinding | BindingConflict | undefined>;

export type ApprovalDecision = "approve" | "reject";

/** A decision on one step, arriving as data (a Slack button press), never as control flow. */
export interface ApprovalAction {
  executionId: string;
  stepId: string;
  decision: ApprovalDecision;
  approver: Actor;
}

/**
 * Confirm / Cancel of a model-drafted plan from a channel control (a Slack or WhatsApp button, bound to the execution
 * and plan digest) or a typed `confirm <code>` / `cancel <code>` (the code names the plan within the tenant).
 */
export interface PlanDecisionAction {
  decision: PlanDecision;
  ref: PlanRef | { code: string };
  actor: Actor;
  /** Where the decision came from: its answer goes back there (a refusal reaches who asked, not the requester). */
  replyTo: ReplyTarget;
}

/** Delivery progress of a message we sent (WhatsApp statuses, Twilio status callbacks). */
export interface StatusUpdate {
  provider: "meta" | "twilio";
  messageId: string;
  status: string;
  binding: ChannelBinding;
  recipient?: string;
  /** ISO time the provider reports, when it reports one. */
  at?: string;
  errorCode?: string;
}

export type IgnoreReason =
  | "bot_message"
  | "message_subtype"
  | "not_addressed"
  | "unsupported_event"
  | "unsupported_message_type"
  | "not_an_approval"
  | "ssl_check"
  | "ping"
  | "no_command"
  | "comment_not_created"
  /** A `/cp bind` line from a GitHub user who is not an owner, member or collaborator of the repository. */
  | "bind_not_allowed"
  | "comment_too_long";

export type InvalidReason = "text_too_long" | "schema_mismatch" | "unsupported_channel";

/**
 * One unit of work or record inside a delivery. `itemId` is derived from signed content
 * (event ids, message ids, comment ids), never from unsigned headers, so a replay with
 * altered headers still collides with the original: dedupe work on `itemId`.
 */
export type DeliveryItem =
  | { kind: "intent"; itemId: string; intent: Intent; grantScope?: GrantScope }
  | { kind: "approval"; itemId: string; tenantId: string; approval: ApprovalAction; replyTo: ReplyTarget }
  | { kind: "plan_decision"; itemId: string; tenantId: string; provider: Provider; action: PlanDecisionAction }
  | { kind: "status"; itemId: string; status: StatusUpdate }
  | { kind: "ignored"; itemId: string; reason: IgnoreReason }
  | { kind: "unbound"; itemId: string; binding: ChannelBinding; actor: Actor; replyTo: ReplyTarget }
  /** `/cp bind <code>` from inside the channel: confirms the pending binding of this channel that the code belongs to. */
  | { kind: "bind"; itemId: string; binding: ChannelBinding; code: string; actor: Actor }
  | { kind: "invalid"; itemId: string; reason: InvalidReason; actor: Actor; replyTo: ReplyTarget };

/** A verified provider delivery, normalized. Produced only after the signature checked out. */
export interface NormalizedDelivery {
  provider: Provider;
  /** The provider's own delivery identity (see each normalizer); the key for delivery dedupe. */
  deliveryId: string;
  /** sha256 hex of the raw body: same deliveryId with another digest is a conflict. */
  payloadDigest: string;
  /** The provider marked this as a retry (Slack `X-Slack-Retry-Num`). GitHub redeliveries carry no mark. */
  retry: boolean;
  receivedAt: string;
  /** The raw signed bytes, for the durable record. */
  body: Uint8Array;
  items: DeliveryItem[];
}

export type AcceptResult =
  /** Recorded; work will be handed on. */
  | { status: "new" }
  /** Seen before with the same digest: acknowledge, do nothing. */
  | { status: "duplicate" }
  /** Seen before with a different digest: refuse, something is wrong upstream. */
  | { status: "conflict" };

/** Implemented by the runtime: records the delivery durably before the route acknowledges it. */
export interface IngestSink {
  accept(delivery: NormalizedDelivery): Promise<AcceptResult>;
}
