import type { Actor } from "../contracts/intent.ts";
import type { ApprovalSpec } from "../contracts/policy/document.ts";
import type { RequestApprovalEffect } from "../engine/executor/effects.ts";

export type Vote = "approve" | "reject";
export type Via = "api" | "link" | "slack" | "bulk";

/** One held step as the gate keeps it in the ExecutionDO: who was asked, who answered, when it escalates. */
export interface Gate {
  stepId: string;
  key: string;
  tool: { key: string; version: string };
  input: Record<string, unknown>;
  actionDigest: string;
  reason: string;
  spec: ApprovalSpec;
  requestedAt: string;
  /** 0 while the first group is asked; n after the n-th escalation. */
  level: number;
  deadline: string;
  votes: { approver: Actor; decision: Vote; at: string; via: Via }[];
  usedTokens: string[];
}

/** Who is deciding: the principal, every identity it is known by (for requester exclusion) and its groups. */
export interface Approver {
  actor: Actor;
  identities: readonly string[];
  roles: readonly string[];
}

export interface VoteRequest {
  stepId: string;
  decision: Vote;
  approver: Approver;
  via: Via;
  /** Set for signed links: the digest the token is bound to, and its id (single use). */
  actionDigest?: string;
  tokenId?: string;
  comment?: string;
}

export type VoteRefusal =
  | "STEP_NOT_AWAITING_APPROVAL"
  | "ACTION_CHANGED"
  | "NOT_AN_APPROVER"
  | "SELF_APPROVAL_FORBIDDEN"
  | "ALREADY_DECIDED"
  | "TOKEN_ALREADY_USED";

export function openGate(effect: RequestApprovalEffect, spec: ApprovalSpec, now: string): Gate {
  return {
    stepId: effect.stepId,
    key: effect.key,
    tool: effect.tool,
    input: effect.input,
    actionDigest: effect.actionDigest,
    reason: effect.verdict.reason,
    spec,
    requestedAt: now,
    level: 0,
    deadline: addSeconds(now, spec.timeoutSeconds),
    votes: [],
    usedTokens: [],
  };
}

/** Groups asked so far: the first, then every escalation reached. Earlier groups may still answer. */
export function askedGroups(gate: Gate): string[] {
  return [gate.spec.group, ...gate.spec.escalation.slice(0, gate.level).map((e) => e.group)];
}

export function isRequester(requester: Actor, approver: Approver): boolean {
  return approver.actor.id === requester.id || approver.identities.includes(requester.id);
}

/** The checks every decision passes, whatever channel it came through; null when the vote may be recorded. */
export function refusalOf(gate: Gate | undefined, requester: Actor, vote: VoteRequest): VoteRefusal | null {
  if (gate === undefined) return "STEP_NOT_AWAITING_APPROVAL";
  if (vote.actionDigest !== undefined && vote.actionDigest !== gate.actionDigest) return "ACTION_CHANGED";
  if (vote.tokenId !== undefined && gate.usedTokens.includes(vote.tokenId)) return "TOKEN_ALREADY_USED";
  const groups = askedGroups(gate);
  if (!vote.approver.roles.some((r) => groups.includes(r))) return "NOT_AN_APPROVER";
  if (gate.spec.excludeRequester && isRequester(requester, vote.approver)) return "SELF_APPROVAL_FORBIDDEN";
  if (gate.votes.some((v) => v.approver.id === vote.approver.actor.id)) return "ALREADY_DECIDED";
  return null;
}

/** Distinct approvers that count towards the quorum. */
export function countingApprovers(gate: Gate): Actor[] {
  return gate.votes.filter((v) => v.decision === "approve").map((v) => v.approver);
}

export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}
