import { z } from "zod";
import type { ReplyTarget } from "../../contracts/intent.ts";
import { decodeJson, type DraftContext, delivery, intentItem, type VerifiedDelivery } from "./normalize.ts";
import type { DeliveryItem, NormalizedDelivery, ResolveTenant } from "./sink.ts";

export type GitHubNormalized = { kind: "delivery"; delivery: NormalizedDelivery } | { kind: "malformed" };

const COMMENT_EVENTS = ["issue_comment", "pull_request_review_comment"] as const;
/** On a public repository anyone may comment: only these may confirm a binding with `/cp bind`. */
const BIND_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

const Number_ = z.object({ number: z.number().int().positive() });
const CommentEvent = z.object({
  action: z.string(),
  comment: z.object({
    id: z.number().int(),
    body: z.string().nullable(),
    user: z.object({ id: z.number().int(), type: z.string() }),
    author_association: z.string().optional(),
  }),
  issue: Number_.optional(),
  pull_request: Number_.optional(),
  repository: z.object({ full_name: z.string().min(1), name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) }),
  installation: z.object({ id: z.number().int() }).optional(),
});

/**
 * Delivery id: `X-GitHub-Hook-ID:X-GitHub-Delivery`, because the delivery GUID is shared by
 * every hook subscribed to the same event. Each `/cp` line of a new comment becomes one intent.
 */
export async function normalizeGitHub(raw: VerifiedDelivery, resolveTenant: ResolveTenant): Promise<GitHubNormalized> {
  const event = raw.headers.get("x-github-event");
  const guid = raw.headers.get("x-github-delivery");
  const hookId = raw.headers.get("x-github-hook-id");
  if (event === null || guid === null || hookId === null) return { kind: "malformed" };
  const deliveryId = `${hookId}:${guid}`;
  const done = (items: DeliveryItem[]): GitHubNormalized => ({
    kind: "delivery",
    delivery: delivery(raw, { provider: "github", deliveryId, retry: false, items }),
  });

  if (event === "ping") return done([{ kind: "ignored", itemId: `ping:${hookId}`, reason: "ping" }]);
  if (!isCommentEvent(event)) return done([{ kind: "ignored", itemId: `${event}:${raw.payloadDigest}`, reason: "unsupported_event" }]);

  const payload = decodeJson(CommentEvent, raw.body);
  const issueNumber = payload?.issue?.number ?? payload?.pull_request?.number;
  if (payload === undefined || issueNumber === undefined) return { kind: "malformed" };

  const { comment, repository } = payload;
  const commentKey = `${event}:${comment.id}`;
  // Edits and deletions must not re-run the commands of a comment.
  if (payload.action !== "created") return done([{ kind: "ignored", itemId: commentKey, reason: "comment_not_created" }]);
  // Our own replies quote commands (help text); reading them back would loop.
  if (comment.user.type === "Bot") return done([{ kind: "ignored", itemId: commentKey, reason: "bot_message" }]);

  const lines = commandLines(comment.body ?? "");
  if (lines.length === 0) return done([{ kind: "ignored", itemId: commentKey, reason: "no_command" }]);

  const ctx: DraftContext = { provider: "github", deliveryId, payloadDigest: raw.payloadDigest, receivedAt: raw.receivedAt, resolveTenant };
  const installationId = payload.installation?.id;
  const replyTo: ReplyTarget = { kind: "github", owner: repository.owner.login, repo: repository.name, issueNumber, installationId };
  const items: DeliveryItem[] = [];
  for (const [index, text] of lines.entries()) {
    items.push(
      await intentItem(
        {
          itemId: `${commentKey}#${index}`,
          binding: { provider: "github", repository: repository.full_name, installationId },
          actor: { type: "human", id: `github:${comment.user.id}` },
          channel: "github",
          replyTo,
          text,
          mayBind: BIND_ASSOCIATIONS.has(comment.author_association ?? ""),
        },
        ctx,
      ),
    );
  }
  return done(items);
}

/** Lines that start with `/cp`, outside fenced code blocks, with the `/cp` removed. */
export function commandLines(body: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const rawLine of body.split("\n")) {
    const line = rawLine.replace(/\r$/, "").trim();
    if (line.startsWith("```") || line.startsWith("~~~")) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    const match = /^\/cp(?:[ \t]+(.*))?$/.exec(line);
    if (match !== null) out.push((match[1] ?? "").trim());
  }
  return out;
}

function isCommentEvent(event: string): event is (typeof COMMENT_EVENTS)[number] {
  return (COMMENT_EVENTS as readonly string[]).includes(event);
}
