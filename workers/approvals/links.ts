import type { Approver, Gate } from "../../engine/approval-gate.ts";
import { askedGroups, isRequester, samePerson } from "../../engine/approval-gate.ts";
import type { PendingGate } from "../../durable-objects/execution.ts";
import type { Env } from "../env.ts";
import { signApprovalToken } from "./token.ts";

/** Whether this approver could decide the gate now (the gate checks again when the decision arrives). */
export function mayDecide(gate: PendingGate, approver: Approver): boolean {
  if (!approver.roles.some((r) => askedGroups(gate).includes(r))) return false;
  if (gate.spec.excludeRequester && isRequester({ actor: gate.requester, identities: gate.requesterIdentities }, approver)) return false;
  return !gate.votes.some((v) => samePerson(v, approver));
}

/** A link for one approver, bound to the gate's action digest, valid until the gate's current deadline. */
export async function approvalLink(env: Env, gate: PendingGate & Gate, principalId: string, nowMs: number): Promise<string | null> {
  const secret = env.APPROVAL_SIGNING_KEY;
  if (secret === undefined || secret === "") return null;
  const exp = Math.floor(Math.min(Date.parse(gate.deadline), nowMs + 86_400_000) / 1000);
  const token = await signApprovalToken(secret, {
    v: 1,
    tenantId: gate.tenantId,
    executionId: gate.executionId,
    stepId: gate.stepId,
    principalId,
    actionDigest: gate.actionDigest,
    exp,
    jti: crypto.randomUUID(),
  });
  const base = (env.PUBLIC_BASE_URL ?? "").replace(/\/$/, "");
  return `${base}/approve/${token}`;
}
