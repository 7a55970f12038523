import { z } from "zod";
import type { ReplyTarget } from "../../contracts/intent.ts";
import { commandLines, MAX_COMMAND_COMMENT } from "./github-commands.ts";
import { decodeJson, type DraftContext, delivery, intentItem, type VerifiedDelivery } from "./normalize.ts";
import type { DeliveryItem, NormalizedDelivery, ResolveTenant } from "./sink.ts";

export type GitHubNormalized = { kind: "delivery"; delivery: NormalizedDelivery } | { kind: "malformed"; reason?: "event_mismatch" };

const COMMENT_EVENTS = ["issue_comment", "pull_request_review_comment"] as const;
/** On a public repository anyone may comment: only these may confirm a binding with `/cp bind`. */
const BIND_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

type CommentEvent = (typeof COMMENT_EVENTS)[number];

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
const Shape = z.object({ comment: z.unknown(), issue: z.unknown(), pull_request: z.unknown() }).partial();

/**
 * Delivery id: `X-GitHub-Hook-ID:X-GitHub-Delivery`, because the delivery GUID is shared by
 * every hook subscribed to the same event. Each visible `/cp` line of a new comment becomes one intent.
 *
 * GitHub signs the body only: the headers (event name, GUID, hook id) can be changed by anyone
 * who replays a captured body. So item ids, the dedupe key of the work, come from the body alone,
 * and the event kind is read from the body's shape: a header naming another kind than the body
 * is refused, so a comment cannot be re-read as another event, nor another event as a comment.
 * The delivery id stays the provider's own: it can only tell copies apart, never merge two bodies.
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

  const shape = commentKindOf(raw.body);
  if (!isCommentEvent(event)) {
    if (shape !== undefined) return { kind: "malformed", reason: "event_mismatch" };
    return done([{ kind: "ignored", itemId: `payload:${raw.payloadDigest}`, reason: event === "ping" ? "ping" : "unsupported_event" }]);
  }
  if (shape !== event) return shape === undefined ? { kind: "malformed" } : { kind: "malformed", reason: "event_mismatch" };

  const payload = decodeJson(CommentEvent, raw.body);
  const issueNumber = payload?.issue?.number ?? payload?.pull_request?.number;
  if (payload === undefined || issueNumber === undefined) return { kind: "malformed" };

  const { comment, repository } = payload;
  const commentKey = `${shape}:${comment.id}`;
  // Edits and deletions must not re-run the commands of a comment.
  if (payload.action !== "created") return done([{ kind: "ignored", itemId: commentKey, reason: "comment_not_created" }]);
  // Our own replies quote commands (help text); reading them back would loop.
  if (comment.user.type === "Bot") return done([{ kind: "ignored", itemId: commentKey, reason: "bot_message" }]);

  const text = comment.body ?? "";
  if (text.length > MAX_COMMAND_COMMENT && text.includes("/cp")) return done([{ kind: "ignored", itemId: commentKey, reason: "comment_too_long" }]);
  const lines = commandLines(text);
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

/**
 * Which comment event a body is, by its shape alone: an `issue_comment` carries `comment` and
 * `issue`, a `pull_request_review_comment` carries `comment` and `pull_request`, never both.
 */
function commentKindOf(body: Uint8Array): CommentEvent | undefined {
  const shape = decodeJson(Shape, body);
  if (shape?.comment === undefined) return undefined;
  const issue = shape.issue !== undefined;
  const pullRequest = shape.pull_request !== undefined;
  if (issue && !pullRequest) return "issue_comment";
  if (pullRequest && !issue) return "pull_request_review_comment";
  return undefined;
}

function isCommentEvent(event: string): event is (typeof COMMENT_EVENTS)[number] {
  return (COMMENT_EVENTS as readonly string[]).includes(event);
}
