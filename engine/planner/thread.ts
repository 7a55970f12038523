import type { ReplyTarget } from "../../contracts/intent.ts";

/** One earlier turn of a clarification thread: what the requester wrote, or the question the planner asked. */
export interface ThreadTurn {
  role: "user" | "assistant";
  text: string;
}

/** At most this many earlier turns reach the model, and at most this many bytes of their text; the oldest go first. */
export const MAX_THREAD_TURNS = 6;
export const MAX_THREAD_BYTES = 4096;
/** A question older than this is no longer waiting for its answer. */
export const THREAD_TTL_SECONDS = 60 * 60;

/**
 * Where a conversation continues, per channel: a Slack thread, a GitHub issue, a WhatsApp conversation between one
 * number and one person. Null where there is no thread to continue (no reply target; a Slack slash command, whose
 * answers are ephemeral and unthreaded).
 */
export function threadKeyOf(replyTo: ReplyTarget): string | null {
  switch (replyTo.kind) {
    case "slack":
      return replyTo.threadTs === undefined ? null : `slack:${replyTo.teamId}:${replyTo.channelId}:${replyTo.threadTs}`;
    case "github":
      return `github:${replyTo.owner}/${replyTo.repo}#${replyTo.issueNumber}`;
    case "whatsapp_meta":
      return `whatsapp_meta:${replyTo.phoneNumberId}:${replyTo.to}`;
    case "whatsapp_twilio":
      return `whatsapp_twilio:${replyTo.from}:${replyTo.to}`;
    case "none":
      return null;
  }
}

/**
 * The turns a new message is read with, from the thread's stored turns in order: none unless the last one is the
 * planner's question (a clarification waiting for its answer); else the newest turns within both bounds.
 */
export function threadWindow(turns: readonly ThreadTurn[]): ThreadTurn[] {
  if (turns.length === 0 || turns[turns.length - 1]?.role !== "assistant") return [];
  const kept: ThreadTurn[] = [];
  let bytes = 0;
  for (let i = turns.length - 1; i >= 0 && kept.length < MAX_THREAD_TURNS; i--) {
    const turn = turns[i] as ThreadTurn;
    const size = new TextEncoder().encode(turn.text).length;
    if (bytes + size > MAX_THREAD_BYTES) break;
    bytes += size;
    kept.unshift(turn);
  }
  return kept;
}
