import { z } from "zod";
import { Intent } from "../intent.ts";

/**
 * The part of an Intent an API caller writes. The server adds `tenantId` (from the key) and
 * `receivedAt` (its clock); `source` is reserved for verified webhook deliveries.
 */
export const intentRequestFields = {
  actor: Intent.shape.actor
    .optional()
    .describe(
      "Redundant: the actor of an API intent is always the calling key's principal (with its type). When given it " +
        "must be exactly that principal, otherwise the request is refused with ACTOR_NOT_CALLER",
    ),
  channel: Intent.shape.channel.describe("Channel the request belongs to; `api` or `cli` for direct callers"),
  replyTo: Intent.shape.replyTo.describe(
    "Where replies and approval notices go: a destination of a confirmed channel binding of the tenant (Slack team, GitHub " +
      "repository or installation, WhatsApp sending number), or `{ \"kind\": \"none\" }` for no reply",
  ),
  text: Intent.shape.text.describe("Command text read by the deterministic grammar, e.g. `close acme/web#12`"),
  steps: Intent.shape.steps.describe("A ready-made draft: steps naming tools and their inputs"),
};

export const actorNotCaller = {
  code: "ACTOR_NOT_CALLER",
  status: 400,
  when: "the body names an actor other than the calling key's principal (the field path says which)",
} as const;

export const exactlyOneOfTextOrSteps = {
  check: (i: { text?: string | undefined; steps?: unknown }) => (i.text === undefined) !== (i.steps === undefined),
  message: "exactly one of `text` or `steps` is required",
};

export const IdempotencyKey = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces")
  .describe("Client-chosen key; a repeated request with the same key and body returns the first answer");
