import { z } from "zod";
import { DraftStep } from "./plan.ts";

export const ChannelKind = z.enum(["slack", "github", "whatsapp_meta", "whatsapp_twilio", "api", "cli", "mcp"]);
export type ChannelKind = z.infer<typeof ChannelKind>;

export const ActorType = z.enum(["human", "service", "agent", "tool"]);
export const Actor = z.object({ type: ActorType, id: z.string().min(1).max(200) });
export type Actor = z.infer<typeof Actor>;

/** Where a reply to this intent goes: the thread it came from. */
export const ReplyTarget = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("slack"),
    teamId: z.string(),
    channelId: z.string(),
    threadTs: z.string().optional(),
    responseUrl: z.string().url().optional(),
  }),
  z.object({
    kind: z.literal("github"),
    owner: z.string(),
    repo: z.string(),
    issueNumber: z.number().int().positive(),
    installationId: z.number().int().optional(),
  }),
  z.object({ kind: z.literal("whatsapp_meta"), phoneNumberId: z.string(), to: z.string() }),
  z.object({ kind: z.literal("whatsapp_twilio"), from: z.string(), to: z.string() }),
  z.object({ kind: z.literal("none") }),
]);
export type ReplyTarget = z.infer<typeof ReplyTarget>;

/** Provider delivery that produced the intent, for dedupe and audit. */
export const IntentSource = z.object({
  provider: z.enum(["slack", "github", "meta", "twilio", "api"]),
  deliveryId: z.string(),
  payloadDigest: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * The API key that submitted an intent and the principal it belongs to (which is also the intent's actor).
 * Evidence about the credential, not part of the request: plan ids do not depend on which of a principal's
 * keys submitted it (engine/compile.ts leaves it out of the intent digest).
 */
export const IntentSubmitter = z.object({ keyId: z.string().min(1).max(100), principalId: z.string().min(1).max(200) });
export type IntentSubmitter = z.infer<typeof IntentSubmitter>;

/** The one type every channel message becomes. Either `text` (read by the command grammar) or `steps`. */
export const Intent = z
  .object({
    tenantId: z.string().min(1).max(100),
    actor: Actor,
    channel: ChannelKind,
    replyTo: ReplyTarget,
    text: z.string().max(4000).optional(),
    steps: z.array(DraftStep).min(1).max(500).optional(),
    receivedAt: z.iso.datetime(),
    source: IntentSource.optional(),
    /** Set by the server for API intents; absent for channel intents and for intents recorded before it existed. */
    submittedBy: IntentSubmitter.optional(),
    /** The client session the intent came from (the MCP session); every trace event of its execution carries it. */
    session: z.string().min(1).max(200).optional(),
  })
  .refine((i) => (i.text === undefined) !== (i.steps === undefined), {
    message: "exactly one of `text` or `steps` is required",
    path: ["text"],
  });
export type Intent = z.infer<typeof Intent>;
