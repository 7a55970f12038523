import type { ReplyTarget } from "../../contracts/intent.ts";
import { canonical } from "../../engine/canonical.ts";
import { digestOf } from "../../engine/hash.ts";
import type { ApprovalSpec } from "../../contracts/policy/document.ts";
import type { Gate } from "../../engine/approval-gate.ts";
import { SLACK_APPROVAL_ACTIONS, slackApprovalValue } from "../../contracts/common/slack-approval-buttons.ts";

/**
 * What an approval notice says, taken only from the verified plan step (tool, key, resolved input and
 * its action digest), the pinned policy's decision (reason, tier, approval spec) and the gate (level,
 * deadline). Nothing in it is per approver: it goes to a shared thread, so it never carries a signed link.
 */
export interface NoticeSubject extends Pick<Gate, "stepId" | "key" | "tool" | "input" | "actionDigest" | "reason" | "spec" | "level" | "deadline"> {
  executionId: string;
  /** `<stepId>:approval-request:<level>`: one notice per step and gate level. */
  noticeId: string;
  tier: string | null;
}

export type SlackBlock = Record<string, unknown>;

export type NoticeMessage =
  | { format: "slack_blocks"; text: string; blocks: SlackBlock[] }
  /** WhatsApp through Meta: an interactive message with reply buttons (plan confirmation); elsewhere sent as its text. */
  | { format: "whatsapp_buttons"; text: string; buttons: { id: string; title: string }[] }
  | { format: "text"; text: string };

/** Arguments longer than this (as canonical JSON) are shown by length and digest. */
export const NOTICE_ARGUMENTS_LIMIT = 800;

export function noticeId(stepId: string, level: number): string {
  return `${stepId}:approval-request:${level}`;
}

/** Groups asked at this level: the first, then each escalation reached. */
export function groupsAt(spec: ApprovalSpec, level: number): string[] {
  return [spec.group, ...spec.escalation.slice(0, level).map((e) => e.group)];
}

/** The notice for where the intent came from: Slack gets buttons; every other channel a text notice. */
export function approvalNoticeMessage(subject: NoticeSubject, target: ReplyTarget["kind"], options: { publicBaseUrl?: string | undefined } = {}): NoticeMessage {
  const lines = facts(subject);
  const how = howToDecide(options.publicBaseUrl);
  if (target === "slack") return slackMessage(subject, lines, how);
  if (target === "github") return { format: "text", text: githubText(subject, lines, how) };
  return { format: "text", text: plainText(subject, lines, how) };
}

interface Facts {
  title: string;
  tool: string;
  /** Canonical JSON of the input, or null when it is too long (then `argumentsSummary` says so). */
  argumentsJson: string | null;
  argumentsSummary: string;
  why: string;
  who: string;
  deadline: string;
}

function facts(s: NoticeSubject): Facts {
  const json = canonical(s.input);
  const groups = groupsAt(s.spec, s.level);
  const asked = s.level === 0 ? `group ${s.spec.group}` : `groups ${groups.join(", ")} (escalated to ${groups[groups.length - 1] ?? s.spec.group})`;
  const quorum = `${s.spec.quorum} approval${s.spec.quorum === 1 ? "" : "s"}`;
  return {
    title: s.level === 0 ? "Approval needed" : `Approval still needed (escalation ${s.level})`,
    tool: `${s.tool.key}@${s.tool.version}`,
    argumentsJson: json.length <= NOTICE_ARGUMENTS_LIMIT ? json : null,
    argumentsSummary: `${json.length} characters of JSON, sha256 ${digestOf(s.input)}`,
    why: clip(s.reason, 500),
    who: `${s.tier === null ? "" : `tier ${s.tier}, `}${quorum} from ${asked}${s.spec.excludeRequester ? ", not the requester" : ""}`,
    deadline: s.deadline,
  };
}

function howToDecide(publicBaseUrl: string | undefined): string {
  const base = publicBaseUrl?.trim().replace(/\/+$/, "") ?? "";
  const dashboard = base === "" ? "the dashboard" : `the dashboard (${base}/dashboard/approvals)`;
  return `Approvers decide with their own link from GET /v1/approvals, ${dashboard} or \`cplane approvals list\`; no link is posted here, each one is bound to a single approver.`;
}

function plainText(s: NoticeSubject, f: Facts, how: string): string {
  return [
    `${f.title}: ${f.tool}, step ${s.key} of execution ${s.executionId}.`,
    `Arguments: ${f.argumentsJson ?? f.argumentsSummary}`,
    `Why: ${f.why}`,
    `Who: ${f.who}.`,
    `Decide by: ${f.deadline}`,
    how,
  ].join("\n");
}

/** Markdown; the arguments sit in a code fence longer than any backtick run in them, so nothing in them renders or mentions. */
function githubText(s: NoticeSubject, f: Facts, how: string): string {
  const args = f.argumentsJson === null ? `Arguments: ${f.argumentsSummary}` : `Arguments:\n${fenced(f.argumentsJson)}`;
  return [
    `**${f.title}**: \`${f.tool}\`, step \`${s.key}\` of execution \`${s.executionId}\`.`,
    "",
    args,
    "",
    `Why: ${f.why}`,
    `Who: ${f.who}.`,
    `Decide by: ${f.deadline}`,
    "",
    how,
  ].join("\n");
}

function slackMessage(s: NoticeSubject, f: Facts, how: string): NoticeMessage {
  const value = slackApprovalValue({ executionId: s.executionId, stepId: s.stepId });
  // A section's text holds 3000 characters; escaping can lengthen the arguments, so the check is on what is sent.
  const shown = f.argumentsJson === null ? null : esc(f.argumentsJson);
  const args = shown === null || shown.length > 2800 ? `*Arguments:* ${esc(f.argumentsSummary)}` : `*Arguments:*\n\`\`\`${shown}\`\`\``;
  const blocks: SlackBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `*${esc(f.title)}*: \`${esc(f.tool)}\`, step \`${esc(s.key)}\`` } },
    { type: "section", text: { type: "mrkdwn", text: args } },
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Why*\n${esc(f.why)}` },
        { type: "mrkdwn", text: `*Who*\n${esc(f.who)}` },
        { type: "mrkdwn", text: `*Decide by*\n${esc(f.deadline)}` },
        { type: "mrkdwn", text: `*Execution*\n\`${esc(s.executionId)}\`` },
      ],
    },
    {
      type: "actions",
      block_id: "cp.approval",
      elements: [
        { type: "button", action_id: SLACK_APPROVAL_ACTIONS.approve, style: "primary", text: { type: "plain_text", text: "Approve" }, value },
        { type: "button", action_id: SLACK_APPROVAL_ACTIONS.reject, style: "danger", text: { type: "plain_text", text: "Reject" }, value },
      ],
    },
    { type: "context", elements: [{ type: "mrkdwn", text: esc(`The buttons count only for approvers whose Slack user is linked to their principal. ${how}`) }] },
  ];
  return { format: "slack_blocks", text: esc(plainText(s, f, how)), blocks };
}

/** Slack's three control characters (its mrkdwn escaping rule): nothing in the text becomes a mention or a link. */
function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}json\n${text}\n${fence}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
