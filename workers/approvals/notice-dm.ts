import { and, eq, inArray, isNull, like } from "drizzle-orm";
import type { Gate, Requester } from "../../engine/approval-gate.ts";
import { groupMembers, principalIdentities, principals } from "../../schema/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { approverOf } from "./approver.ts";
import { approvalLink, mayDecide } from "./links.ts";
import type { NoticeMessage, NoticeSubject } from "../../runtime/notices/notice-message.ts";
import { groupsAt } from "../../runtime/notices/notice-message.ts";

export interface DmRecipient {
  principalId: string;
  /** The Slack user id (`U…`) of the principal's `slack:<team>:<user>` identity. */
  userId: string;
}

/** What stands in the trace for the link: the token is a bearer credential and never enters the trace. */
export const LINK_PLACEHOLDER = "[approval link of this approver]";

/** Groups first asked at this level: the rule's group at 0, the n-th escalation's group at n. */
export function newlyAskedGroups(gate: Gate): string[] {
  const all = groupsAt(gate.spec, gate.level);
  return gate.level === 0 ? all.slice(0, 1) : all.slice(gate.level, gate.level + 1);
}

/**
 * Members of the groups that have a Slack identity in the workspace the intent came from (their own, or one
 * linked to them): they can be sent a direct message. The message goes to the Slack user the principal is mapped to, nobody else.
 */
export async function slackDmRecipients(env: Env, tenantId: string, groups: readonly string[], teamId: string): Promise<DmRecipient[]> {
  if (groups.length === 0) return [];
  const prefix = `slack:${teamId}:`;
  const db = database(env.DB);
  // A member's own Slack identity, unless linked to someone else, and every Slack identity linked to them.
  const [own, linked] = await db.batch([
    db
      .selectDistinct({ principalId: principals.id, identity: principals.channelIdentity })
      .from(groupMembers)
      .innerJoin(principals, and(eq(principals.id, groupMembers.principalId), eq(principals.tenantId, groupMembers.tenantId)))
      .leftJoin(principalIdentities, and(eq(principalIdentities.tenantId, principals.tenantId), eq(principalIdentities.identity, principals.channelIdentity)))
      .where(and(eq(groupMembers.tenantId, tenantId), inArray(groupMembers.group, [...groups]), like(principals.channelIdentity, `${prefix}%`), isNull(principalIdentities.principalId))),
    db
      .selectDistinct({ principalId: principalIdentities.principalId, identity: principalIdentities.identity })
      .from(groupMembers)
      .innerJoin(principalIdentities, and(eq(principalIdentities.principalId, groupMembers.principalId), eq(principalIdentities.tenantId, groupMembers.tenantId)))
      .where(and(eq(groupMembers.tenantId, tenantId), inArray(groupMembers.group, [...groups]), like(principalIdentities.identity, `${prefix}%`))),
  ]);
  // One direct message per person (its notice id names the principal), to their first Slack identity here.
  const seen = new Set<string>();
  return [...own, ...linked]
    .map((r) => ({ principalId: r.principalId, userId: r.identity?.startsWith(prefix) ? r.identity.slice(prefix.length) : "" }))
    .filter((r) => /^[UW][A-Z0-9]{1,30}$/.test(r.userId))
    .sort((a, b) => a.principalId.localeCompare(b.principalId) || a.userId.localeCompare(b.userId))
    .filter((r) => {
      if (seen.has(r.principalId)) return false;
      seen.add(r.principalId);
      return true;
    });
}

/**
 * The approver's own signed link, if they may decide the gate now (in a group asked, not the requester
 * when excluded, not voted yet): the same checks and the same link as `GET /v1/approvals` gives them.
 */
export async function dmLink(env: Env, input: { gate: Gate; executionId: string; tenantId: string; requester: Requester; principalId: string; nowMs: number }): Promise<{ ok: true; link: string } | { ok: false; code: string; message: string }> {
  const approver = await approverOf(database(env.DB), input.tenantId, input.principalId);
  const pending = {
    ...input.gate,
    executionId: input.executionId,
    tenantId: input.tenantId,
    requester: input.requester.actor,
    requesterIdentities: [...input.requester.identities],
    groups: groupsAt(input.gate.spec, input.gate.level),
  };
  if (approver === undefined || !mayDecide(pending, approver)) return { ok: false, code: "NOT_ELIGIBLE", message: `${input.principalId} may not decide this step now` };
  const link = await approvalLink(env, pending, input.principalId, input.nowMs);
  if (link === null) return { ok: false, code: "NOT_CONFIGURED", message: "APPROVAL_SIGNING_KEY is not set: no link can be signed" };
  return { ok: true, link };
}

/** A direct message to one approver: which step is asked (the link page shows the arguments) and their own link. */
export function dmMessage(subject: NoticeSubject, link: string): NoticeMessage {
  const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const text = [
    `${subject.level === 0 ? "Your approval is asked" : "Your approval is asked (escalation)"}: ${subject.tool.key}@${subject.tool.version}, step ${subject.key} of execution ${subject.executionId}, until ${subject.deadline}.`,
    `Your own link (bound to you and to these exact arguments; do not forward it): ${link}`,
  ].join("\n");
  // The link is ours and is put in as a Slack link; everything else is escaped.
  return { format: "text", text: esc(text).replace(esc(link), `<${link}|open the approval page>`) };
}
