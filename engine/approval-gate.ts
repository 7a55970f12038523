import type { Actor } from "../contracts/intent.ts";
import type { ApprovalSpec } from "../contracts/policy/document.ts";
import type { RequestApprovalEffect } from "./executor/effects.ts";

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
  /** One per person: `identities` are the ids the voter was known by (absent in gates opened before they were kept). */
  votes: { approver: Actor; identities?: string[]; decision: Vote; at: string; via: Via }[];
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

/**
 * Who asked, as the gate compares it: the intent's actor and every id the requesting person was known by at
 * start (the policy pin's requester: principal id and linked identities).
 */
export interface Requester {
  actor: Actor;
  identities: readonly string[];
}

/**
 * The same person, through any identity on either side: the ids the requester was known by at start, against
 * the ids the approver is known by now (so a link made after the start still excludes them).
 */
export function isRequester(requester: Requester, approver: Approver): boolean {
  const theirs = new Set([requester.actor.id, ...requester.identities]);
  return theirs.has(approver.actor.id) || approver.identities.some((id) => theirs.has(id));
}

/**
 * The checks every decision passes, whatever channel it came through; null when the vote may be recorded.
 * Votes are kept per principal (an identity is mapped to its principal before it gets here), so a person
 * voting again through another linked identity is ALREADY_DECIDED: one vote per person.
 */
export function refusalOf(gate: Gate | undefined, requester: Requester, vote: VoteRequest): VoteRefusal | null {
  if (gate === undefined) return "STEP_NOT_AWAITING_APPROVAL";
  if (vote.actionDigest !== undefined && vote.actionDigest !== gate.actionDigest) return "ACTION_CHANGED";
  if (vote.tokenId !== undefined && gate.usedTokens.includes(vote.tokenId)) return "TOKEN_ALREADY_USED";
  const groups = askedGroups(gate);
  if (!vote.approver.roles.some((r) => groups.includes(r))) return "NOT_AN_APPROVER";
  if (gate.spec.excludeRequester && isRequester(requester, vote.approver)) return "SELF_APPROVAL_FORBIDDEN";
  if (gate.votes.some((v) => samePerson(v, vote.approver))) return "ALREADY_DECIDED";
  return null;
}

/** A recorded vote was cast by this approver: the same principal, or a principal known by one of the same ids. */
export function samePerson(vote: Gate["votes"][number], approver: Approver): boolean {
  if (vote.approver.id === approver.actor.id) return true;
  const ids = new Set(approver.identities);
  return (vote.identities ?? []).some((id) => ids.has(id));
}

/** Distinct approvers that count towards the quorum. */
export function countingApprovers(gate: Gate): Actor[] {
  return gate.votes.filter((v) => v.decision === "approve").map((v) => v.approver);
}

export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}
