import { SLACK_PLAN_ACTIONS, slackPlanValue, whatsappPlanButtonId } from "../../contracts/common/plan-confirmation-controls.ts";
import type { ReplyTarget } from "../../contracts/intent.ts";
import { canonical } from "../../engine/canonical.ts";
import { digestOf } from "../../engine/hash.ts";

/** One compiled step as the requester is shown it: the tool, its arguments, and what policy will ask of it. */
export interface ShownStep {
  key: string;
  /** `<tool key>@<version>` */
  tool: string;
  input: Record<string, unknown>;
  after: string[];
  /** The pinned policy's tier and verdict for this step (before any output of an earlier step is known). */
  tier: string;
  verdict: "autonomous" | "approval_required" | "blocked";
  approval: { group: string; quorum: number; excludeRequester: boolean } | null;
}

export interface ConfirmationSubject {
  executionId: string;
  planDigest: string;
  code: string;
  expiresAt: string;
  steps: ShownStep[];
}

/** Shapes the provider clients send (runtime/notices/notice-send.ts). */
export type ConfirmationMessage =
  | { format: "slack_blocks"; text: string; blocks: Record<string, unknown>[] }
  | { format: "whatsapp_buttons"; text: string; buttons: { id: string; title: string }[] }
  | { format: "text"; text: string };

type Channel = Exclude<ReplyTarget["kind"], "none">;

/** Arguments longer than this (as canonical JSON) are shown by length and digest. */
const ARGUMENTS_LIMIT = 600;
/** WhatsApp's interactive body holds 1024 characters; Slack's section text 3000. */
const WHATSAPP_BODY_LIMIT = 1024;

/**
 * The confirmation prompt: every compiled step exactly (tool, arguments, tier, who must approve) and how to answer.
 * Slack: Confirm / Cancel buttons bound to the execution and plan digest; WhatsApp through Meta: reply buttons bound
 * the same way; GitHub and Twilio: `confirm <code>` / `cancel <code>` (GitHub after `/cp`).
 */
export function confirmationPrompt(subject: ConfirmationSubject, channel: Channel): ConfirmationMessage {
  const lines = subject.steps.map((s, i) => stepLine(s, i));
  const head = `I drafted this plan from your request. Nothing runs until you confirm it (by ${subject.expiresAt}; then it is cancelled).`;
  const ref = { executionId: subject.executionId, planDigest: subject.planDigest };
  switch (channel) {
    case "slack": {
      const text = esc([head, ...lines, `Confirm or cancel with the buttons, or \`confirm ${subject.code}\` / \`cancel ${subject.code}\`.`].join("\n"));
      const value = slackPlanValue(ref);
      const blocks: Record<string, unknown>[] = [
        { type: "section", text: { type: "mrkdwn", text: esc(head) } },
        ...lines.map((line) => ({ type: "section", text: { type: "mrkdwn", text: esc(line).slice(0, 2900) } })),
        {
          type: "actions",
          block_id: "cp.plan",
          elements: [
            { type: "button", action_id: SLACK_PLAN_ACTIONS.confirm, style: "primary", text: { type: "plain_text", text: "Confirm" }, value },
            { type: "button", action_id: SLACK_PLAN_ACTIONS.cancel, style: "danger", text: { type: "plain_text", text: "Cancel" }, value },
          ],
        },
        { type: "context", elements: [{ type: "mrkdwn", text: esc(`Only the person who asked can confirm. Plan ${subject.planDigest.slice(0, 12)}, execution ${subject.executionId}.`) }] },
      ];
      return { format: "slack_blocks", text, blocks };
    }
    case "whatsapp_meta": {
      const body = [head, ...lines].join("\n");
      const text = body.length <= WHATSAPP_BODY_LIMIT ? body : `${head}\n${subject.steps.length} steps (${subject.steps.map((s) => s.tool).join(", ")}); the full plan is in execution ${subject.executionId}.`.slice(0, WHATSAPP_BODY_LIMIT);
      return {
        format: "whatsapp_buttons",
        text,
        buttons: [
          { id: whatsappPlanButtonId("confirm", ref), title: "Confirm" },
          { id: whatsappPlanButtonId("cancel", ref), title: "Cancel" },
        ],
      };
    }
    case "github":
      return { format: "text", text: [`**${head}**`, "", ...lines.map((l) => `- ${l}`), "", `Reply \`/cp confirm ${subject.code}\` to run it, or \`/cp cancel ${subject.code}\`.`].join("\n") };
    case "whatsapp_twilio":
      return { format: "text", text: [head, ...lines, `Reply "confirm ${subject.code}" to run it, or "cancel ${subject.code}".`].join("\n") };
  }
}

export type ConfirmationAnswerCode = "CONFIRMED" | "CANCELLED" | "NOT_REQUESTER" | "PLAN_CHANGED" | "CONFIRMATION_NOT_PENDING" | "CONFIRMATION_EXPIRED" | "EXECUTION_ARCHIVED";

/** The reply to a Confirm / Cancel from the channel: what happened, and for a refusal what to do instead. */
export function confirmationAnswer(code: ConfirmationAnswerCode, subject: { executionId: string }): ConfirmationMessage {
  const texts: Record<ConfirmationAnswerCode, string> = {
    CONFIRMED: "Confirmed: the plan runs now, with the approvals policy asks for.",
    CANCELLED: "Cancelled: nothing from that plan will run.",
    NOT_REQUESTER: "Only the person who asked can confirm or cancel this plan; nothing changed. Ask them, or send your own request.",
    PLAN_CHANGED: "That is not the plan waiting for confirmation; nothing changed. Use the controls of the latest plan notice.",
    CONFIRMATION_NOT_PENDING: "This plan is not waiting for confirmation any more (it was already confirmed or cancelled); nothing changed.",
    CONFIRMATION_EXPIRED: "The time to confirm this plan has passed, so it was cancelled and nothing ran. Ask again to get a new plan.",
    EXECUTION_ARCHIVED: "This execution ended and is archived: it is read-only, so nothing changed. Ask again to get a new plan.",
  };
  return { format: "text", text: `${texts[code]} (execution ${subject.executionId}, ${code})` };
}

function stepLine(s: ShownStep, index: number): string {
  const json = canonical(s.input);
  const args = json.length <= ARGUMENTS_LIMIT ? json : `${json.length} characters of JSON, sha256 ${digestOf(s.input)}`;
  const order = s.after.length === 0 ? "" : ` after ${s.after.join(", ")}`;
  return `${index + 1}. ${s.key}: ${s.tool} ${args}${order}; tier ${s.tier}, ${who(s)}`;
}

function who(s: ShownStep): string {
  if (s.verdict === "blocked") return "blocked by policy (it will not run)";
  if (s.verdict === "autonomous" || s.approval === null) return "runs without approval";
  const quorum = `${s.approval.quorum} approval${s.approval.quorum === 1 ? "" : "s"}`;
  return `needs ${quorum} from ${s.approval.group}${s.approval.excludeRequester ? ", not yours" : ""}`;
}

/** Slack's three control characters: nothing in the text becomes a mention or a link. */
function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
